/**
 * `@track` on class methods, compiled the ways users compile it: TypeScript and esbuild (tsx), each
 * with TC39 decorators (the default) and with legacy `experimentalDecorators`. The fixture is
 * compiled here because vitest's own transform does not lower TC39 decorators.
 */
import { readFileSync } from "node:fs";
import { transform } from "esbuild";
import ts from "typescript";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as contextModule from "./context";
import { flush } from "./lifecycle";
import { _testing } from "./testing";
import * as trackModule from "./track";
import type { TrackingTarget } from "./tracker";
import { harness } from "./testing/harness";

const fixtureUrl = new URL("./testing/decorated-trainer.ts", import.meta.url);
const source = readFileSync(fixtureUrl, "utf8");

interface Trainer {
  scale: number;
  fit(epochs: number): number;
  evaluate(split: string): Promise<{ accuracy: number; split: string }>;
  fail(error: Error): never;
}
interface TrainerClass {
  new (scale: number): Trainer;
  describe(): string;
}
interface Fixture {
  makeTrainer(target: TrackingTarget): TrainerClass;
  decoratorArity: number[];
}

const compilers = {
  typescript: async (legacy: boolean) =>
    ts.transpileModule(source, {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        experimentalDecorators: legacy,
        useDefineForClassFields: true,
      },
    }).outputText,
  esbuild: async (legacy: boolean) =>
    (
      await transform(source, {
        loader: "ts",
        format: "cjs",
        target: "node20",
        tsconfigRaw: { compilerOptions: { experimentalDecorators: legacy } },
      })
    ).code,
};

function load(code: string): Fixture {
  const modules: Record<string, unknown> = { "../context": contextModule, "../track": trackModule };
  const module = { exports: {} as Record<string, unknown> };
  const require = (id: string) => {
    if (!(id in modules)) throw new Error(`fixture requires ${id}`);
    return modules[id];
  };
  new Function("require", "module", "exports", code)(require, module, module.exports);
  return module.exports as unknown as Fixture;
}

beforeEach(() => {
  _testing.resetWarnings();
  _testing.clearTrackers();
});

describe.each(["typescript", "esbuild"] as const)("@track compiled by %s", (compiler) => {
  describe.each([
    ["TC39 decorators", false, 2],
    ["legacy experimentalDecorators", true, 3],
  ] as const)("with %s", (_label, legacy, arity) => {
    it("tracks sync, async and static methods, keeping this, names and errors", async () => {
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      const fixture = load(await compilers[compiler](legacy));
      const { target, server, pipeline } = harness();
      const Trainer = fixture.makeTrainer(target);
      expect(fixture.decoratorArity).toEqual([arity]);
      const trainer = new Trainer(2);

      expect(trainer.fit(3)).toBe(6);
      await expect(trainer.evaluate("val")).resolves.toEqual({ accuracy: 0.5, split: "val" });
      expect(Trainer.describe()).toBe("class Trainer");
      expect(trainer.fit.name).toBe("fit");
      const error = new Error("bad batch");
      expect(() => trainer.fail(error)).toThrow(error);
      await flush();

      expect(server.runs.map((r) => r.runName)).toEqual([
        "Trainer.fit",
        "evaluation",
        "Trainer.describe",
        "Trainer.fail",
      ]);
      const [fit, evaluation, describe, fail] = server.runs;
      expect(pipeline.params(fit!.runId)).toEqual({ epochs: "3" });
      expect(pipeline.points(fit!.runId).map((p) => [p.key, p.value])).toEqual([
        ["epochs", 3],
        ["output", 6],
      ]);
      expect(pipeline.points(evaluation!.runId).map((p) => [p.key, p.value])).toEqual([["accuracy", 0.5]]);
      expect(pipeline.end(describe!.runId)?.status).toBe("FINISHED");
      expect(pipeline.end(fail!.runId)?.status).toBe("FAILED");
      expect(warn).not.toHaveBeenCalled();
      warn.mockRestore();
    });
  });
});

/** Decorated methods as a user writes them, checked against the decorator's type alone (fast). */
const typeUse = `
import type { TrackDecorator } from "./decorator-type";
declare function track(options?: { experiment?: string }): TrackDecorator;
class Trainer {
  constructor(readonly scale: number) {}
  @track({ experiment: "x" })
  fit(epochs: number): number {
    return epochs * this.scale;
  }
  @track()
  async evaluate(split: string): Promise<string> {
    return split;
  }
  @track()
  static describe(): string {
    return this.name;
  }
}
const fitted: number = new Trainer(1).fit(2);
const evaluated: Promise<string> = new Trainer(1).evaluate("val");
const described: string = Trainer.describe();
// @ts-expect-error the decorated method keeps its parameter types
new Trainer(1).fit("two");
export { fitted, evaluated, described };
`;

function typeErrors(legacy: boolean): string[] {
  const dir = new URL(".", import.meta.url).pathname;
  const usePath = `${dir}type-use.ts`;
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    types: [],
    lib: ["lib.es2022.d.ts"],
    experimentalDecorators: legacy,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (file === usePath ? typeUse : readFile(file));
  host.fileExists = (file) => file === usePath || ts.sys.fileExists(file);
  host.getSourceFile = (file, version, ...rest) =>
    file === usePath ? ts.createSourceFile(file, typeUse, version) : getSourceFile(file, version, ...rest);
  const program = ts.createProgram([usePath], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("the decorator's type", () => {
  it.each([false, true])(
    "fits decorated methods in either dialect (experimentalDecorators: %s)",
    (legacy) => {
      expect(typeErrors(legacy)).toEqual([]);
    },
    60_000,
  );
});
