/**
 * A class with `@track` methods, compiled by the decorator tests in both dialects (TC39 and legacy
 * `experimentalDecorators`) with both TypeScript and esbuild. It is read as source, never imported.
 */
import { currentRun } from "../context";
import { track } from "../track";
import type { TrackingTarget } from "../tracker";

/** How many arguments each decorator call got: 2 for TC39 decorators, 3 for legacy ones. */
export const decoratorArity: number[] = [];

function probe(...args: unknown[]): void {
  decoratorArity.push(args.length);
}

export function makeTrainer(target: TrackingTarget) {
  class Trainer {
    constructor(readonly scale: number) {}

    @probe
    @track({ ...target, params: ["epochs"] })
    fit(epochs: number): number {
      currentRun().log({ epochs });
      return epochs * this.scale;
    }

    @track({ ...target, runName: "evaluation" })
    async evaluate(split: string): Promise<{ accuracy: number; split: string }> {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { accuracy: 0.25 * this.scale, split };
    }

    @track(target)
    fail(error: Error): never {
      throw error;
    }

    @track(target)
    static describe(): string {
      return `class ${this.name}`;
    }
  }
  return Trainer;
}
