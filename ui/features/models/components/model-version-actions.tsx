"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DeployButton } from "@/features/deployments";

/** Actions on one model version, in its row of the versions table: copy its URI, deploy it. */
export function ModelVersionActions({ modelName, version }: { modelName: string; version: string }) {
  return (
    <span className="flex items-center gap-1" onClick={(event) => event.stopPropagation()}>
      <CopyModelUri uri={`models:/${modelName}/${version}`} />
      <DeployButton modelName={modelName} version={version} variant="outline" />
    </span>
  );
}

/** Copies the version's `models:/<name>/<version>` URI (what `mlflow.pyfunc.load_model` takes). */
function CopyModelUri({ uri }: { uri: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(uri);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      toast.error("Could not copy", { description: "The browser refused clipboard access; select the text instead." });
    }
  };
  return (
    <Button
      type="button"
      variant="ghost"
      size="icon"
      className="size-7"
      aria-label={`Copy ${uri}`}
      title={`Copy ${uri}`}
      onClick={(event) => {
        event.stopPropagation();
        void copy();
      }}
    >
      {copied ? <Check className="text-emerald-600 dark:text-emerald-400" /> : <Copy />}
    </Button>
  );
}
