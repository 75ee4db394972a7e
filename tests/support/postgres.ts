/**
 * A real PostgreSQL server for tests: a fresh cluster in a temporary folder, password auth, listening
 * on 127.0.0.1 only at a free port, no Unix socket. initdb and postgres refuse to run as root, so as
 * root they run as the `postgres` user. `make postgres` installs the server when it is missing.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "../../scripts/lib/ports";

const run = promisify(execFile);
const SUPERUSER = "mltrack";

export interface TestPostgres {
  /** The `postgres` database, as the superuser. */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** The server binaries' folder: `pg_config --bindir`, else Debian's newest /usr/lib/postgresql/<n>/bin. */
async function binDir(): Promise<string> {
  const hasServer = (dir: string) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"));
  try {
    const { stdout } = await run("pg_config", ["--bindir"]);
    if (hasServer(stdout.trim())) return stdout.trim();
  } catch {
    // No pg_config: try Debian's layout.
  }
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  for (const version of versions.sort((a, b) => Number(b) - Number(a))) {
    const dir = path.join(root, version, "bin");
    if (hasServer(dir)) return dir;
  }
  throw new Error("No PostgreSQL server (initdb, pg_ctl) found: run `make postgres` to install it.");
}

/** The uid and gid to run the server as: ours, or the `postgres` user's when we are root. */
async function serverOwner(): Promise<{ uid: number; gid: number; asUser: string[] }> {
  const uid = process.getuid?.() ?? -1;
  if (uid !== 0) return { uid, gid: process.getgid?.() ?? -1, asUser: [] };
  const id = async (flag: string) => Number((await run("id", [flag, "postgres"])).stdout.trim());
  return { uid: await id("-u"), gid: await id("-g"), asUser: ["runuser", "-u", "postgres", "--"] };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = await binDir();
  const owner = await serverOwner();
  const dir = mkdtempSync(path.join(tmpdir(), "mltrack-postgres-"));
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  const password = randomBytes(18).toString("base64url");
  const exec = ([command, ...args]: string[]) => {
    const argv = [...owner.asUser, path.join(bin, command!), ...args];
    return run(argv[0]!, argv.slice(1), { cwd: dir });
  };
  const stop = async () => {
    const pidFile = path.join(data, "postmaster.pid");
    if (existsSync(pidFile)) {
      await exec(["pg_ctl", "stop", "-D", data, "-m", "fast", "-w"])
        .catch(() => exec(["pg_ctl", "stop", "-D", data, "-m", "immediate", "-w"]))
        .catch(() => undefined);
    }
    // Left in place, with the server, if it would not stop: the folder says which process to end.
    if (existsSync(pidFile)) throw new Error(`PostgreSQL in ${data} did not stop.`);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const pwFile = path.join(dir, "pwfile");
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (owner.asUser.length > 0) {
      chownSync(dir, owner.uid, owner.gid);
      chownSync(pwFile, owner.uid, owner.gid);
    }
    chmodSync(dir, 0o700);
    await exec([
      "initdb",
      "-D",
      data,
      "-U",
      SUPERUSER,
      `--pwfile=${pwFile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    rmSync(pwFile);
    const port = await freePort();
    // The files initdb wrote keep their owner when appended to.
    appendFileSync(
      path.join(data, "postgresql.conf"),
      [
        "listen_addresses = '127.0.0.1'",
        `port = ${port}`,
        "unix_socket_directories = ''",
        // A throwaway cluster: durability buys nothing here.
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "",
      ].join("\n"),
    );
    await exec(["pg_ctl", "start", "-D", data, "-l", logFile, "-w", "-t", "60"]);
    const url = `postgresql://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`;
    return {
      url,
      async createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return `postgresql://${SUPERUSER}:${password}@127.0.0.1:${port}/${name}`;
      },
      stop,
    };
  } catch (err) {
    const log = existsSync(logFile) ? `\n${await run("tail", ["-n", "30", logFile]).then((r) => r.stdout)}` : "";
    await stop();
    throw new Error(`PostgreSQL did not start: ${err instanceof Error ? err.message : String(err)}${log}`);
  }
}
