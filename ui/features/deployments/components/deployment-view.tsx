"use client";

import { useQuery } from "@tanstack/react-query";
import type { Deployment } from "mltrack-sdk/deploy-config";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Timestamp } from "@/components/timestamp";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useHasRole } from "@/features/auth";
import { useRedeploy, useSetWeights, useUndeploy } from "../hooks/use-deployment-mutations";
import { deploymentQueries } from "../queries";
import { resourcesOf, variantsOf, type VariantWeight } from "../resources";
import { deploymentsHref, modelHref } from "../search-params";
import { isTransitional } from "../status";
import { DeploymentProgress } from "./deployment-progress";
import { DeploymentStatusBadge } from "./deployment-status-badge";
import { InvokePanel } from "./invoke-panel";

/** One deployment: its progress and endpoint, test calls, stats, redeploy, traffic weights and undeploy. */
export function DeploymentView({ id }: { id: string }) {
  const record = useQuery(deploymentQueries.detail(id));
  // Undeploy, redeploy and traffic weights need the deployer role (the routes refuse them anyway).
  const canDeploy = useHasRole("deployer");
  if (record.isPending) return <p className="text-sm text-muted-foreground">Loading deployment…</p>;
  if (record.isError)
    return (
      <p className="text-sm text-destructive" role="alert">
        {record.error.message}
      </p>
    );
  const d = record.data;
  const live = d.status !== "stopped" && d.status !== "stopping";
  return (
    <div className="space-y-8" data-testid="deployment-view">
      <header className="space-y-2">
        <nav className="text-sm text-muted-foreground" aria-label="Breadcrumbs">
          <Link href="/deployments" className="hover:underline">
            Deployments
          </Link>{" "}
          /{" "}
          <Link href={deploymentsHref(d.modelName)} className="hover:underline">
            {d.modelName}
          </Link>
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="font-mono text-xl font-semibold">{d.id}</h1>
          <DeploymentStatusBadge status={d.status} />
          <div className="ml-auto flex items-center gap-2">
            {live && canDeploy ? <UndeployButton deployment={d} /> : null}
          </div>
        </div>
        <p className="flex flex-wrap gap-x-4 text-sm text-muted-foreground">
          <span>
            <Link
              href={modelHref(d.modelName)}
              className="text-foreground hover:underline"
              data-testid="deployment-model-link"
            >
              {d.modelName}
            </Link>{" "}
            version {d.modelVersion}
          </span>
          <span>target {d.target}</span>
          <span>by {d.requestedBy}</span>
          <span>
            created <Timestamp ms={d.createdAt} />
          </span>
        </p>
      </header>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Status</h2>
        <DeploymentProgress deployment={d} />
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Test invoke</h2>
        <InvokeStatsLine id={d.id} />
        <InvokePanel deployment={d} />
      </section>

      {d.target === "sagemaker" && canDeploy ? <WeightsSection deployment={d} /> : null}

      {!isTransitional(d.status) && canDeploy ? (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">Redeploy</h2>
          <RedeployForm deployment={d} />
        </section>
      ) : null}
    </div>
  );
}

function InvokeStatsLine({ id }: { id: string }) {
  const stats = useQuery(deploymentQueries.invokeStats(id));
  if (!stats.data) return null;
  const s = stats.data;
  const ms = (v: number | null) => (v === null ? "–" : `${v.toFixed(1)} ms`);
  return (
    <p className="text-sm" data-testid="invoke-stats">
      <span data-testid="invoke-stats-count">{s.count}</span> request{s.count === 1 ? "" : "s"},{" "}
      <span data-testid="invoke-stats-errors">{s.errors}</span> error{s.errors === 1 ? "" : "s"}, latency p50{" "}
      {ms(s.p50Ms)}, p99 {ms(s.p99Ms)}
      <span className="block text-xs text-muted-foreground">
        Test calls through this MLTrack server process since it started (another UI instance counts its own; a restart
        starts afresh); percentiles over the last {s.windowCapacity} calls.
      </span>
    </p>
  );
}

function UndeployButton({ deployment }: { deployment: Deployment }) {
  const undeploy = useUndeploy(deployment.id);
  const resources = resourcesOf(deployment);
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="destructive" size="sm" disabled={undeploy.isPending} data-testid="undeploy-button">
          {undeploy.isPending ? "Undeploying…" : "Undeploy"}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent data-testid="undeploy-dialog">
        <AlertDialogHeader>
          <AlertDialogTitle>Undeploy {deployment.id}?</AlertDialogTitle>
          <AlertDialogDescription>
            {deployment.target === "local"
              ? "Stops the scoring server process; its port is freed."
              : deployment.target === "sagemaker"
                ? "Deletes the endpoint, its endpoint config, its models and their tarballs in S3."
                : "Stops the Modal app (modal app stop); its URL stops answering."}{" "}
            The record stays, marked stopped.
          </AlertDialogDescription>
        </AlertDialogHeader>
        {resources.length > 0 ? (
          <ul className="space-y-1 text-sm" data-testid="undeploy-resources">
            {resources.map((r) => (
              <li key={r.label} className="break-all">
                <span className="text-muted-foreground">{r.label}:</span> <code className="font-mono">{r.value}</code>
              </li>
            ))}
          </ul>
        ) : null}
        {undeploy.isError ? (
          <p className="text-sm text-destructive" role="alert">
            {undeploy.error.message}
            {undeploy.error.hint ? ` ${undeploy.error.hint}` : ""}
          </p>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction onClick={() => undeploy.mutate()} data-testid="undeploy-confirm">
            Undeploy
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

function RedeployForm({ deployment }: { deployment: Deployment }) {
  const router = useRouter();
  const [version, setVersion] = useState("");
  const redeploy = useRedeploy(deployment.id);
  return (
    <form
      className="flex max-w-md flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!version.trim() || redeploy.isPending) return;
        redeploy.mutate(version.trim(), {
          onSuccess: (next) => {
            if (next.id !== deployment.id) router.push(`/deployments/${next.id}`);
          },
        });
      }}
    >
      <div className="grid gap-1">
        <Label htmlFor="redeploy-version">Another version of {deployment.modelName}</Label>
        <Input
          id="redeploy-version"
          value={version}
          onChange={(e) => setVersion(e.target.value)}
          placeholder={`not ${deployment.modelVersion}`}
          className="w-40"
          inputMode="numeric"
        />
      </div>
      <Button type="submit" size="sm" variant="outline" disabled={!version.trim() || redeploy.isPending}>
        {redeploy.isPending ? "Redeploying…" : "Redeploy"}
      </Button>
      {redeploy.isError ? (
        <p className="w-full text-sm text-destructive" role="alert">
          {redeploy.error.message}
          {redeploy.error.hint ? ` ${redeploy.error.hint}` : ""}
        </p>
      ) : null}
    </form>
  );
}

function WeightsSection({ deployment }: { deployment: Deployment }) {
  const variants = variantsOf(deployment);
  if (variants.length < 2) return null;
  return (
    <section className="space-y-3" data-testid="weights-section">
      <h2 className="text-lg font-semibold">Production variants</h2>
      <p className="text-sm text-muted-foreground">
        Each variant serves one version; weights are relative shares of the endpoint&apos;s traffic
        (UpdateEndpointWeightsAndCapacities).
      </p>
      <WeightsForm
        key={variants.map((v) => `${v.variantName}=${v.weight}`).join(",")}
        deployment={deployment}
        variants={variants}
      />
    </section>
  );
}

function WeightsForm({ deployment, variants }: { deployment: Deployment; variants: VariantWeight[] }) {
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(variants.map((v) => [v.variantName, String(v.weight)])),
  );
  const setWeights = useSetWeights(deployment.id);
  const parsed = Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, Number(v)]));
  const valid = Object.values(parsed).every((w) => Number.isFinite(w) && w >= 0 && w <= 1);
  const total = Object.values(parsed).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const busy = setWeights.isPending || deployment.status !== "ready";
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && total > 0 && !busy) setWeights.mutate(parsed);
      }}
    >
      <table className="text-sm">
        <thead>
          <tr className="text-left text-muted-foreground">
            <th className="pr-4 font-normal">Variant</th>
            <th className="pr-4 font-normal">Version</th>
            <th className="pr-4 font-normal">Weight (0–1)</th>
            <th className="font-normal">Share of traffic</th>
          </tr>
        </thead>
        <tbody>
          {variants.map(({ variantName, modelVersion }) => (
            <tr key={variantName} data-testid="variant-row">
              <td className="pr-4 font-mono">{variantName}</td>
              <td className="pr-4">{modelVersion}</td>
              <td className="pr-4">
                <Input
                  className="h-8 w-24"
                  value={draft[variantName] ?? ""}
                  aria-label={`Weight of ${variantName}`}
                  onChange={(e) => setDraft((all) => ({ ...all, [variantName]: e.target.value }))}
                  data-testid={`variant-weight-${variantName}`}
                />
              </td>
              <td data-testid={`variant-share-${variantName}`}>
                {valid && total > 0 ? `${(((parsed[variantName] ?? 0) / total) * 100).toFixed(0)} %` : "–"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button
        type="submit"
        size="sm"
        variant="outline"
        disabled={!valid || total <= 0 || busy}
        data-testid="weights-submit"
      >
        {setWeights.isPending ? "Shifting…" : "Shift traffic"}
      </Button>
      {setWeights.isError ? (
        <p className="text-sm text-destructive" role="alert">
          {setWeights.error.message}
          {setWeights.error.hint ? ` ${setWeights.error.hint}` : ""}
        </p>
      ) : null}
    </form>
  );
}
