import { describe, expect, it } from "vitest";
import { createLimiter } from "./limiter";

/** A task that resolves when told to, recording when it started. */
function gate(started: string[], name: string) {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { open, task: () => (started.push(name), done.then(() => name)) };
}

describe("createLimiter", () => {
  it("keeps at most `limit` tasks in flight and starts queued ones in arrival order", async () => {
    const started: string[] = [];
    const limit = createLimiter(2);
    const [a, b, c, d] = ["a", "b", "c", "d"].map((name) => gate(started, name));
    const results = [a, b, c, d].map((g) => limit(g!.task));
    await Promise.resolve();
    expect(started).toEqual(["a", "b"]);
    a!.open();
    await results[0];
    await Promise.resolve();
    expect(started).toEqual(["a", "b", "c"]);
    b!.open();
    c!.open();
    d!.open();
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d"]);
  });

  it("starts urgent tasks before queued ones, urgent among themselves in arrival order", async () => {
    const started: string[] = [];
    const limit = createLimiter(1);
    const gates = Object.fromEntries(["busy", "q1", "q2", "u1", "u2"].map((name) => [name, gate(started, name)]));
    const all = [
      limit(gates.busy!.task),
      limit(gates.q1!.task),
      limit(gates.q2!.task),
      limit(gates.u1!.task, { urgent: true }),
      limit(gates.u2!.task, { urgent: true }),
    ];
    for (const name of ["busy", "u1", "u2", "q1", "q2"]) {
      await Promise.resolve();
      gates[name]!.open();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await Promise.all(all);
    expect(started).toEqual(["busy", "u1", "u2", "q1", "q2"]);
  });

  it("frees its slot when a task fails", async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limit(() => Promise.resolve(7))).toBe(7);
  });

  it("refuses a limit that is not a positive integer", () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
    expect(() => createLimiter(1.5)).toThrow(RangeError);
  });
});
