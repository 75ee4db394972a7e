"use client";

import { useQuery } from "@tanstack/react-query";
import { Boxes, CheckCircle2 } from "lucide-react";
import { useRef, useState, type ReactNode } from "react";
import Link from "next/link";
import { toast } from "sonner";
import { ErrorState } from "@/components/error-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { useHasRole } from "@/features/auth";
import { useRegisterModel } from "../hooks/use-register-model";
import { formatBytes } from "../paths";
import { artifactQueries } from "../queries";
import type { ModelCard, ModelFlavor, RegisterModelResult } from "../schemas";
import type { ArtifactSource } from "../source";
import { InputExample } from "./input-example";
import { RegisterModelDialog } from "./register-model-dialog";
import { SignatureTables } from "./signature-tables";

/** The model stored in folder `dir` (it holds an `MLmodel` file): flavors, signature, input example, Register (editors). */
export function ModelCardView({ source, dir, name }: { source: ArtifactSource; dir: string; name: string }) {
  const card = useQuery(artifactQueries.modelCard(source, dir));
  if (card.isPending) {
    return (
      <div className="space-y-3 rounded-lg border p-4" data-testid="model-card-loading">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (card.isError) {
    return <ErrorState title="Could not read this model" error={card.error} onRetry={() => void card.refetch()} />;
  }
  return <ModelCardBody source={source} card={card.data} name={name} />;
}

function ModelCardBody({ source, card, name }: { source: ArtifactSource; card: ModelCard; name: string }) {
  const { summary } = card;
  const [dialogOpen, setDialogOpen] = useState(false);
  const register = useRegisterModel();
  const canEdit = useHasRole("editor");
  // The last registration stays on the card after the dialog (and the mutation's state) is reset.
  const [registered, setRegistered] = useState<RegisterModelResult | null>(null);

  // A second click that lands before the disabled button renders must not register a second version.
  const inFlight = useRef(false);
  const onRegister = (registeredName: string) => {
    if (inFlight.current) return;
    inFlight.current = true;
    register.mutate(
      {
        name: registeredName,
        source:
          source.kind === "logged-model"
            ? { kind: "logged-model", modelId: source.modelId }
            : { kind: "run", runId: source.runId, path: card.path },
      },
      {
        onSuccess: (result) => {
          setRegistered(result);
          setDialogOpen(false);
          toast.success(`Registered ${result.name} version ${result.version}`);
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  };

  return (
    <section className="space-y-5 rounded-lg border p-4" data-testid="model-card">
      <header className="flex flex-wrap items-start gap-3">
        <Boxes className="mt-0.5 size-5 text-muted-foreground" aria-hidden />
        <div className="min-w-0 flex-1 space-y-1">
          <h3 className="font-semibold break-all">{name}</h3>
          <div className="flex flex-wrap gap-1.5" data-testid="model-flavors">
            {summary.flavors.map((flavor) => (
              <Badge key={flavor.name} variant="secondary" className="font-mono">
                {flavor.name}
                {flavor.version ? ` ${flavor.version}` : ""}
              </Badge>
            ))}
          </div>
        </div>
        {canEdit && card.registrationSource ? (
          <Button
            onClick={() => {
              register.reset();
              setDialogOpen(true);
            }}
            disabled={register.isPending}
            data-testid="register-model"
          >
            Register model
          </Button>
        ) : null}
      </header>

      {registered ? (
        <p
          className="flex items-center gap-2 rounded-md border border-emerald-600/30 bg-emerald-600/10 px-3 py-2 text-sm"
          data-testid="model-registered"
        >
          <CheckCircle2 className="size-4 text-emerald-600" aria-hidden />
          <span>
            Registered as{" "}
            <Link href={`/models/${encodeURIComponent(registered.name)}`} className="font-medium hover:underline">
              {registered.name} version {registered.version}
            </Link>
          </span>
        </p>
      ) : null}

      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
        <Fact label="MLflow version">{summary.mlflowVersion ?? "—"}</Fact>
        <Fact label="Model size">{summary.modelSizeBytes === null ? "—" : formatBytes(summary.modelSizeBytes)}</Fact>
        <Fact label="Loader module">{summary.loaderModule ?? "—"}</Fact>
        <Fact label="Python">{summary.pythonVersion ?? "—"}</Fact>
        {summary.modelId ? <Fact label="Model ID">{summary.modelId}</Fact> : null}
        {summary.createdAt ? <Fact label="Created (UTC)">{summary.createdAt}</Fact> : null}
        {card.registrationSource ? <Fact label="Source URI">{card.registrationSource}</Fact> : null}
      </dl>

      <Section title="Flavors">
        <div className="grid gap-2 sm:grid-cols-2">
          {summary.flavors.map((flavor) => (
            <FlavorDetails key={flavor.name} flavor={flavor} />
          ))}
        </div>
      </Section>

      <Section title="Signature">
        <SignatureTables summary={summary} />
      </Section>

      <Section title="Input example">
        {card.inputExample ? (
          <InputExample example={card.inputExample} />
        ) : (
          <p className="text-sm text-muted-foreground">
            None saved. Pass <code className="font-mono">input_example=</code> to <code>log_model</code> to keep one.
          </p>
        )}
      </Section>

      {canEdit && card.registrationSource ? (
        <RegisterModelDialog
          open={dialogOpen}
          onOpenChange={setDialogOpen}
          source={card.registrationSource}
          defaultName={name}
          pending={register.isPending}
          error={register.error}
          onRegister={onRegister}
        />
      ) : null}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 font-mono text-xs leading-5 break-all">{children}</dd>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="space-y-2">
      <h4 className="text-sm font-semibold">{title}</h4>
      {children}
    </div>
  );
}

function FlavorDetails({ flavor }: { flavor: ModelFlavor }) {
  return (
    <div className="rounded-md border p-3" data-testid="model-flavor" data-flavor={flavor.name}>
      <div className="mb-1 font-mono text-sm font-medium">
        {flavor.name}
        {flavor.version ? <span className="text-muted-foreground"> {flavor.version}</span> : null}
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        {flavor.details.map((detail) => (
          <Fact key={detail.key} label={detail.key}>
            {detail.value}
          </Fact>
        ))}
      </dl>
    </div>
  );
}
