import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { openAuthStore, redactStoreUrl } from "./index";

const PASSWORD = "s3cret-Pa55";

/** A loopback port nothing listens on any more. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

describe("openAuthStore", () => {
  it.each([
    `mysql://alice:${PASSWORD}@db.example/mlflow`,
    `alice:${PASSWORD}@db.example/mlflow`,
    "file:/var/lib/mltrack/auth.db",
    "/var/lib/mltrack/auth.db",
    "",
  ])("refuses %j, naming the accepted forms and never the password", async (url) => {
    const error = await openAuthStore(url).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/sqlite:<path>.*postgresql:\/\//);
    expect((error as Error).message).not.toContain(PASSWORD);
  });

  it.each(["sqlite:", "sqlite://", "sqlite://host/auth.db"])("refuses %j, which names no file", async (url) => {
    await expect(openAuthStore(url)).rejects.toThrow(/names no file: use sqlite:<path>/);
  });

  it("reports an unreachable PostgreSQL by its URL, the password hidden", async () => {
    const port = await closedPort();
    const url = `postgresql://mltrack:${PASSWORD}@127.0.0.1:${port}/mlflow`;
    const error = await openAuthStore(url).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(error?.message).toContain(`postgresql://***@127.0.0.1:${port}/mlflow`);
    expect(error?.message).toMatch(/ECONNREFUSED/);
    expect(error?.message).not.toContain(PASSWORD);
    expect(error?.cause).toBeUndefined();
  });
});

describe("redactStoreUrl", () => {
  it.each([
    [`postgresql://mltrack:${PASSWORD}@db:5432/mlflow`, "postgresql://***@db:5432/mlflow"],
    [`postgres://mltrack:p/a@ss:${PASSWORD}@db/mlflow`, "postgres://***@db/mlflow"],
    [
      `postgresql://db/mlflow?user=mltrack&password=${PASSWORD}&sslmode=require`,
      "postgresql://db/mlflow?user=mltrack&password=***&sslmode=require",
    ],
    ["postgresql://db/mlflow", "postgresql://db/mlflow"],
    ["sqlite:.mltrack/mltrack-auth.db", "sqlite:.mltrack/mltrack-auth.db"],
  ])("%s -> %s", (url, shown) => {
    expect(redactStoreUrl(url)).toBe(shown);
    expect(redactStoreUrl(url)).not.toContain(PASSWORD);
  });
});
