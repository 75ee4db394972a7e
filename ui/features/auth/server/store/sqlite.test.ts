import Database from "better-sqlite3";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeAuthStoreContract } from "./contract";
import { openAuthStore } from "./index";
import { LATEST_VERSION } from "./schema";

const dir = mkdtempSync(path.join(tmpdir(), "mltrack-auth-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const newFile = () => path.join(dir, `store-${++files}`, "auth.db");

describeAuthStoreContract("SQLite", async () => `sqlite:${newFile()}`);

describe("SQLite auth store", () => {
  it("keeps its file in WAL mode, with the applied schema versions in it", async () => {
    const file = newFile();
    const store = await openAuthStore(`sqlite:${file}`);
    await store.close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const versions = db.prepare("SELECT version FROM schema_version ORDER BY version").pluck().all();
      expect(versions).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(["api_tokens", "login_failures", "schema_version", "users"]);
    } finally {
      db.close();
    }
  });

  it("opens relative paths and SQLAlchemy's forms, creating the folder", async () => {
    const relative = path.relative(process.cwd(), path.join(dir, "rel", "a", "auth.db"));
    expect(path.isAbsolute(relative)).toBe(false);
    const absolute = path.join(dir, "abs", "b", "auth.db");
    const urls = [
      [`sqlite:${relative}`, path.join(dir, "rel", "a", "auth.db")],
      [
        `sqlite:///${path.relative(process.cwd(), path.join(dir, "alchemy", "c.db"))}`,
        path.join(dir, "alchemy", "c.db"),
      ],
      [`sqlite:///${absolute}`, absolute],
    ];
    for (const [url, file] of urls) {
      const store = await openAuthStore(url!);
      await store.close();
      expect(existsSync(file!)).toBe(true);
    }
  });

  it("refuses a file whose schema a newer MLTrack migrated", async () => {
    const file = newFile();
    await (await openAuthStore(`sqlite:${file}`)).close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)").run(LATEST_VERSION + 1, Date.now());
    db.close();
    await expect(openAuthStore(`sqlite:${file}`)).rejects.toThrow(/newer than this MLTrack knows.*upgrade MLTrack/);
  });

  it("fails, changing nothing, on a file whose tables are someone else's", async () => {
    const file = path.join(dir, "foreign.db");
    const db = new Database(file);
    // MLflow's basic-auth database has a `users` table of its own.
    db.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT, password_hash TEXT)");
    db.close();
    await expect(openAuthStore(`sqlite:${file}`)).rejects.toThrow(/Could not open the auth store.*users/);
    const after = new Database(file, { readonly: true });
    try {
      const tables = after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(["users"]);
    } finally {
      after.close();
    }
  });
});
