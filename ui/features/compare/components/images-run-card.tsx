"use client";

import { artifactFileUrl, runSource } from "@/features/artifacts/source";
import { formatStep } from "../prepare/axis-format";
import { imageAtStep, type StepImage } from "../images/steps";
import type { CompareRun } from "../schemas";

interface ImagesRunCardProps {
  run: CompareRun;
  color: string;
  images: readonly StepImage[];
  step: number;
}

/** One run's image (it has some in the folder) at the slider's step, or its nearest earlier one, labelled with the step it is from. */
export function ImagesRunCard({ run, color, images, step }: ImagesRunCardProps) {
  const image = imageAtStep(images, step);
  const name = run.runName || run.runId;
  return (
    <figure className="space-y-1.5 rounded-md border p-2" data-testid="compare-image-card" data-run-id={run.runId}>
      <figcaption className="flex items-center gap-1.5 text-sm">
        <span className="size-2.5 shrink-0 rounded-full" style={{ background: color }} aria-hidden />
        <span className="truncate font-medium" title={name}>
          {name}
        </span>
      </figcaption>
      {image ? (
        <>
          {/* Artifact bytes through MLTrack's file route; next/image cannot optimise them. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={artifactFileUrl(runSource(run.runId), image.path)}
            alt={`${name} at step ${formatStep(image.step)}`}
            loading="lazy"
            decoding="async"
            className="aspect-square w-full rounded-sm bg-muted object-contain [image-rendering:pixelated]"
            data-testid="compare-image"
            data-step={image.step}
          />
          <p className="truncate text-xs text-muted-foreground" data-testid="compare-image-step" title={image.path}>
            Step {formatStep(image.step)}
            {image.step !== step ? ` (latest at or before ${formatStep(step)})` : ""}
          </p>
        </>
      ) : (
        <p
          className="flex aspect-square items-center justify-center rounded-sm border border-dashed p-2 text-center text-xs text-muted-foreground"
          data-testid="compare-image-none"
        >
          No image at or before step {formatStep(step)}
        </p>
      )}
    </figure>
  );
}
