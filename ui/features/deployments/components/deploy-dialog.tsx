"use client";

import { useQuery } from "@tanstack/react-query";
import { Rocket } from "lucide-react";
import {
  TARGET_NAMES,
  TargetConfigs,
  hourlyCostHint,
  SAGEMAKER_PRICING_URL,
  type DeployRequestInput,
  type TargetName,
} from "mltrack-sdk/deploy-config";
import Link from "next/link";
import { useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHasRole } from "@/features/auth";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { configFields, initialValues, validateConfigForm, type ConfigFormValues } from "../config-form";
import { useCreateDeployment } from "../hooks/use-deployment-mutations";
import { deploymentQueries } from "../queries";
import { ConfigFields } from "./config-fields";
import { DeploymentProgress } from "./deployment-progress";

export const TARGET_LABELS: Record<TargetName, string> = {
  local: "Local (mlflow models serve on this machine)",
  sagemaker: "AWS SageMaker",
  modal: "Modal",
};

const FIELDS = Object.fromEntries(TARGET_NAMES.map((t) => [t, configFields(TargetConfigs[t])])) as Record<
  TargetName,
  ReturnType<typeof configFields>
>;

const CONFIG_PREFIX = "config.";

/** Deploy a registered model version: opens the dialog (target, config, then live progress). */
export function DeployButton({
  modelName,
  version,
  size = "sm",
  variant = "default",
}: {
  modelName: string;
  version: string;
  size?: "sm" | "default";
  variant?: "default" | "outline";
}) {
  const [open, setOpen] = useState(false);
  // Deploying needs the deployer role (the route refuses it anyway).
  const canDeploy = useHasRole("deployer");
  if (!canDeploy) return null;
  return (
    <>
      <Button size={size} variant={variant} onClick={() => setOpen(true)} data-testid="deploy-button">
        <Rocket /> Deploy
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl" data-testid="deploy-dialog">
          {open ? <DeployForm modelName={modelName} version={version} /> : null}
        </DialogContent>
      </Dialog>
    </>
  );
}

function DeployForm({ modelName, version }: { modelName: string; version: string }) {
  const [target, setTarget] = useState<TargetName>("local");
  const [values, setValues] = useState<Record<TargetName, ConfigFormValues>>(() => ({
    local: initialValues(FIELDS.local),
    sagemaker: initialValues(FIELDS.sagemaker),
    modal: initialValues(FIELDS.modal),
  }));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const create = useCreateDeployment();

  if (create.data) return <DeployProgressPanel id={create.data.id} modelName={modelName} version={version} />;

  const fields = FIELDS[target];
  const serverFields = create.error?.fields ?? {};
  const errors: Record<string, string> = { ...clientErrors };
  for (const [key, message] of Object.entries(serverFields)) {
    if (key.startsWith(CONFIG_PREFIX)) errors[key.slice(CONFIG_PREFIX.length)] ??= message;
  }
  const otherServerErrors = Object.entries(serverFields).filter(([key]) => !key.startsWith(CONFIG_PREFIX));

  const submit = () => {
    if (create.isPending) return;
    const checked = validateConfigForm(TargetConfigs[target], fields, values[target]);
    if (!checked.ok) {
      setClientErrors(checked.errors);
      return;
    }
    setClientErrors({});
    create.mutate({
      target,
      modelName,
      modelVersion: version,
      config: checked.config,
    } as unknown as DeployRequestInput);
  };

  return (
    <form
      className="grid gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <DialogHeader>
        <DialogTitle>
          Deploy {modelName} version {version}
        </DialogTitle>
        <DialogDescription>
          Serves{" "}
          <code className="font-mono">
            models:/{modelName}/{version}
          </code>{" "}
          with MLflow&apos;s scoring server (<code>POST /invocations</code>) on the target you choose.
        </DialogDescription>
      </DialogHeader>
      <div className="grid gap-1">
        <Label htmlFor="deploy-target">Target</Label>
        <select
          id="deploy-target"
          className="h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm"
          value={target}
          onChange={(e) => {
            setTarget(e.target.value as TargetName);
            setClientErrors({});
            create.reset();
          }}
          data-testid="deploy-target"
        >
          {TARGET_NAMES.map((t) => (
            <option key={t} value={t}>
              {TARGET_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <TargetSummary target={target} values={values[target]} />
      <ConfigFields
        key={target}
        idPrefix={`deploy-${target}`}
        fields={fields}
        values={values[target]}
        errors={errors}
        onChange={(key, value) => {
          setValues((all) => ({ ...all, [target]: { ...all[target], [key]: value } }));
          setClientErrors(({ [key]: _edited, ...rest }) => rest);
        }}
      />
      {create.error ? (
        <Alert variant="destructive" data-testid="deploy-error">
          <AlertTitle>{create.error.message}</AlertTitle>
          <AlertDescription>
            {otherServerErrors.map(([key, message]) => (
              <p key={key}>
                {key}: {message}
              </p>
            ))}
            {create.error.hint ? <p>{create.error.hint}</p> : null}
          </AlertDescription>
        </Alert>
      ) : null}
      <DialogFooter>
        <Button type="submit" disabled={create.isPending} data-testid="deploy-submit">
          {create.isPending ? "Deploying…" : "Deploy"}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** What the target costs and reserves, from the form's current values. */
function TargetSummary({ target, values }: { target: TargetName; values: ConfigFormValues }) {
  if (target === "local") {
    return (
      <p className="text-xs text-muted-foreground">
        Free: a managed child process on a free loopback port of the MLTrack server, with the project&apos;s Python
        environment (the model&apos;s libraries must be installed there).
      </p>
    );
  }
  if (target === "sagemaker") {
    const count = Number(values.instanceCount ?? "1");
    const hint = hourlyCostHint((values.instanceType ?? "").trim(), Number.isInteger(count) ? count : 1);
    return (
      <p className="text-xs text-muted-foreground" data-testid="deploy-cost-hint">
        {hint ? (
          <>
            About <strong>${hint.hourly.toFixed(3)} per hour</strong> (${hint.perInstance} × {count} instance
            {count === 1 ? "" : "s"}, ≈ ${hint.monthly} a month), billed every hour the endpoint is InService, idle or
            not. Approximate {hint.region} on-demand price ({hint.asOf});{" "}
          </>
        ) : (
          <>No price recorded for this instance type; </>
        )}
        <a href={SAGEMAKER_PRICING_URL} target="_blank" rel="noreferrer" className="underline">
          SageMaker pricing
        </a>
        .
      </p>
    );
  }
  return (
    <p className="text-xs text-muted-foreground" data-testid="deploy-modal-resources">
      Per container: {values.cpu || "1"} CPU, {values.memoryMb || "2048"} MiB memory, GPU {values.gpu || "none"}. Billed
      per second while serving; with 0 warm containers it scales to zero.
    </p>
  );
}

function DeployProgressPanel({ id, modelName, version }: { id: string; modelName: string; version: string }) {
  const record = useQuery(deploymentQueries.detail(id));
  return (
    <div className="grid gap-4">
      <DialogHeader>
        <DialogTitle>
          Deploying {modelName} version {version}
        </DialogTitle>
        <DialogDescription>
          Deployment{" "}
          <Link href={`/deployments/${id}`} className="font-mono underline" data-testid="deploy-detail-link">
            {id}
          </Link>
          : each step shows as the engine reports it.
        </DialogDescription>
      </DialogHeader>
      {record.data ? (
        <DeploymentProgress deployment={record.data} />
      ) : record.isError ? (
        <p className="text-sm text-destructive">{record.error.message}</p>
      ) : (
        <p className="text-sm text-muted-foreground">Loading…</p>
      )}
    </div>
  );
}
