import { previewKindOf } from "@/features/artifacts/file-kinds";
import { baseName } from "@/features/artifacts/paths";

/** One per-step image of a run: the step its file name carries, and its artifact path. */
export interface StepImage {
  step: number;
  path: string;
}

/**
 * The step a file name carries: the last integer in its name, extension aside (`step_100.png` -> 100,
 * `epoch-3_step-0042.jpg` -> 42); null when it has none.
 */
export function stepOfFileName(path: string): number | null {
  const stem = baseName(path).replace(/\.[a-zA-Z][a-zA-Z0-9]*$/, "");
  const last = stem.match(/\d+/g)?.at(-1);
  if (last === undefined) return null;
  const step = Number(last);
  return Number.isSafeInteger(step) ? step : null;
}

/** A file MLTrack shows as an image, whose name carries a step. */
export function isStepImage(path: string): boolean {
  return previewKindOf(path) === "image" && stepOfFileName(path) !== null;
}

/** The step images among a folder's file paths, by step; of two files at one step, the first by path. */
export function stepImagesOf(paths: readonly string[]): StepImage[] {
  const bySteps = new Map<number, string>();
  for (const path of [...paths].sort()) {
    if (!isStepImage(path)) continue;
    const step = stepOfFileName(path)!;
    if (!bySteps.has(step)) bySteps.set(step, path);
  }
  return [...bySteps].map(([step, path]) => ({ step, path })).sort((a, b) => a.step - b.step);
}

/** The image at `step`, or else the nearest earlier one; null when every image comes later. */
export function imageAtStep(images: readonly StepImage[], step: number): StepImage | null {
  let lo = 0;
  let hi = images.length - 1;
  let found: StepImage | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const image = images[mid]!;
    if (image.step <= step) {
      found = image;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Every step any run has an image at, ascending. */
export function unionSteps(runs: readonly { images: readonly StepImage[] }[]): number[] {
  return [...new Set(runs.flatMap((run) => run.images.map((image) => image.step)))].sort((a, b) => a - b);
}

/**
 * The slider's place among `steps` for the view's step: that step, else the nearest earlier one (a
 * hand-edited URL), else the first; with no step chosen, the last (the latest images).
 */
export function sliderIndex(steps: readonly number[], step: number | null): number {
  if (steps.length === 0) return -1;
  if (step === null) return steps.length - 1;
  let index = 0;
  for (let i = 0; i < steps.length; i++) if (steps[i]! <= step) index = i;
  return index;
}
