import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { canConnect } from "./mlflow-status";

describe("canConnect", () => {
  it("is true for a listening port and false for a closed one", async () => {
    const server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    expect(await canConnect(`http://127.0.0.1:${port}`, 1_000)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
    expect(await canConnect(`http://127.0.0.1:${port}`, 1_000)).toBe(false);
  });
});
