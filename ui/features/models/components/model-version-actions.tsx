"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";

/**
 * Actions on one model version, in its row of the versions table. After merging, the deploy button
 * (`<DeployButton modelName version />` from `@/features/deployments`) goes next to the copy button
 * here, or is passed as `versionActions` to `RegisteredModelView` from a client component.
 */
export function ModelVersionActions({ modelName, version }: { modelName: string; version: string }) {
  return <CopyModelUri uri={`models:/${modelName}/${version}`} />;
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
