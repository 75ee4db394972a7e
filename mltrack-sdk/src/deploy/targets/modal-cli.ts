/**
 * Running the `modal` CLI (argument arrays, own process group, bounded output) and reading what it
 * prints: the web URL `modal deploy` reports, and its error message (rich panels' box-drawing
 * characters stripped) with a hint of what to do.
 */
import { spawn } from "node:child_process";
import { DeployError, type DeployErrorCode } from "../errors";
import { LOG_LINES } from "../log-tail";

export interface ModalCliResult {
  /** Exit code; null when it ended by a signal (aborted or timed out). */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The last LOG_LINES lines of stdout and stderr, cleaned (no ANSI sequences, secrets redacted). */
  lines: string[];
  timedOut: boolean;
}

export interface ModalCliOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
  timeoutMs: number;
  /** Each cleaned line as it arrives. */
  onLine?: (line: string) => void;
  /** Values never to keep in the output (the token pair). */
  secrets?: readonly string[];
}

// ANSI CSI and OSC sequences (colours, cursor moves, OSC 8 hyperlinks).
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function cleanLine(line: string, secrets: readonly string[] = []): string {
  let out = line.replace(ANSI, "").replace(/\r$/, "");
  // A spinner redraws its line with carriage returns: keep what was drawn last.
  if (out.includes("\r")) out = out.slice(out.lastIndexOf("\r") + 1);
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("***");
  return out;
}

/**
 * Runs `command args` without a shell in its own process group; an abort or the timeout ends the
 * group (SIGTERM, SIGKILL 5 s later). Never rejects for a non-zero exit: the caller reads the result.
 */
export function runModalCli(
  command: string,
  args: readonly string[],
  options: ModalCliOptions,
): Promise<ModalCliResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(options.signal.reason);
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const lines: string[] = [];
    const partial = { stdout: "", stderr: "" };
    const push = (raw: string) => {
      const line = cleanLine(raw, options.secrets);
      lines.push(line);
      if (lines.length > LOG_LINES) lines.splice(0, lines.length - LOG_LINES);
      options.onLine?.(line);
    };
    const collect = (stream: "stdout" | "stderr") => (chunk: Buffer) => {
      const parts = (partial[stream] + chunk.toString("utf8")).split("\n");
      partial[stream] = parts.pop() ?? "";
      parts.forEach(push);
    };
    child.stdout.on("data", collect("stdout"));
    child.stderr.on("data", collect("stderr"));

    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const endGroup = () => {
      const kill = (sig: NodeJS.Signals) => {
        if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
        try {
          process.kill(-child.pid, sig);
        } catch {
          // Already gone.
        }
      };
      kill("SIGTERM");
      killTimer ??= setTimeout(() => kill("SIGKILL"), 5_000);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      endGroup();
    }, options.timeoutMs);
    options.signal?.addEventListener("abort", endGroup, { once: true });
    const finish = () => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener("abort", endGroup);
    };

    child.once("error", (err) => {
      finish();
      const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
      reject(
        new DeployError("INTERNAL_ERROR", `Could not run ${command}: ${err.message}`, {
          hint: missing
            ? 'The Modal CLI is missing: install it into the project\'s .venv (pip install "modal==1.6.*"), or point MLTRACK_VENV at a virtualenv that has it.'
            : undefined,
          cause: err,
        }),
      );
    });
    child.once("close", (exitCode, signal) => {
      finish();
      for (const rest of [partial.stdout, partial.stderr]) if (rest) push(rest);
      if (options.signal?.aborted) return reject(options.signal.reason);
      resolve({ exitCode, signal, lines, timedOut });
    });
  });
}

/** A `*.modal.run` host, not followed by more host characters (`x.modal.run.evil.example` is not one). */
const MODAL_RUN_URL = /https:\/\/((?:[a-z0-9-]+\.)*[a-z0-9-]+\.modal\.run)(?![a-z0-9-]|\.[a-z0-9])/gi;

/** Every `https://…modal.run` origin in a line, in order (Modal's web URLs are origins). */
export function modalRunUrls(line: string): string[] {
  return [...line.matchAll(MODAL_RUN_URL)].map((m) => `https://${(m[1] ?? "").toLowerCase()}`);
}

/**
 * The deployed function's URL among those `modal deploy` printed: the one whose host ends in
 * `--<label>` (Modal may cut a long label and add a hash, so then the only one printed).
 */
export function pickDeployUrl(urls: readonly string[], label: string): string | undefined {
  const unique = [...new Set(urls)];
  const host = (url: string) => new URL(url).hostname;
  return (
    unique.find((url) => host(url).startsWith(`${label}.`) || host(url).includes(`--${label}.`)) ??
    (unique.length === 1 ? unique[0] : undefined)
  );
}

/** The URL in `modal deploy` output (both the `=> URL` and the tree-row layouts of the CLI). */
export function parseDeployUrl(output: string, label: string): string | undefined {
  return pickDeployUrl(
    output.split("\n").flatMap((line) => modalRunUrls(cleanLine(line))),
    label,
  );
}

/** The app's page on modal.com (`View Deployment: https://modal.com/apps/<workspace>/<env>/deployed/<app>`). */
export function appPageUrl(line: string): string | undefined {
  return /View Deployment:\s*(https:\/\/modal\.com\/apps\/[A-Za-z0-9._/-]+)/.exec(line)?.[1];
}

/** Box-drawing characters (U+2500–U+257F) removed, each line trimmed, lines left empty dropped. */
export function stripBoxDrawing(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/[\u2500-\u257f]/g, "").trim())
    .filter((line) => line.length > 0)
    .join("\n");
}

/**
 * The CLI's error, verbatim but for box characters: from its last `Error` line (Modal's `Error: …`
 * or a rich panel titled Error) to the end, else the output's last lines.
 */
export function cliErrorMessage(lines: readonly string[]): string {
  const cleaned = stripBoxDrawing(lines.join("\n")).split("\n");
  let start = -1;
  cleaned.forEach((line, i) => {
    if (/^(Error\b|[A-Za-z]*(Error|Exception):)/.test(line)) start = i;
  });
  const picked = start >= 0 ? cleaned.slice(start) : cleaned.slice(-20);
  return picked.join("\n").trim();
}

export interface ModalFailure {
  code: DeployErrorCode;
  hint: string;
  /** Whether the CLI never got past authentication/connection (so it created nothing). */
  createdNothing: boolean;
}

export const TOKEN_HINT =
  "Set MODAL_TOKEN_ID and MODAL_TOKEN_SECRET in the MLTrack server's environment (never in a request), then restart it. " +
  "Create a token at https://modal.com/settings/tokens, or run `modal token new` and copy token_id and token_secret from ~/.modal.toml.";

/** What a `modal` failure means and what to do about it. */
export function classifyModalFailure(message: string): ModalFailure {
  if (/Token missing|Token ID and secret must both be configured/i.test(message)) {
    return { code: "UNAUTHENTICATED", hint: TOKEN_HINT, createdNothing: true };
  }
  if (
    /\b(token|credential)s?\b[^\n]*\b(invalid|rejected|expired|malformed|unknown|not found|revoked|denied)|UNAUTHENTICATED|AuthError|could not authenticate/i.test(
      message,
    )
  ) {
    return {
      code: "UNAUTHENTICATED",
      hint:
        "Modal rejected the token: create a new one with `modal token new` (or at https://modal.com/settings/tokens), " +
        "set MODAL_TOKEN_ID and MODAL_TOKEN_SECRET in the MLTrack server's environment and restart it.",
      createdNothing: true,
    };
  }
  if (
    /Could not connect to the Modal server|ConnectionError|Connection refused|Name or service not known|getaddrinfo/i.test(
      message,
    )
  ) {
    return {
      code: "INTERNAL_ERROR",
      hint: "The MLTrack server could not reach Modal's API: check its network egress (HTTPS to api.modal.com) or proxy, and MODAL_SERVER_URL if it is set.",
      createdNothing: true,
    };
  }
  if (/environment/i.test(message) && /not found|does not exist|no such|invalid/i.test(message)) {
    return {
      code: "INVALID_PARAMETER_VALUE",
      hint: "The Modal environment in the config does not exist in the token's workspace: `modal environment list` shows them; leave it empty for the default.",
      createdNothing: true,
    };
  }
  if (/PermissionDenied|permission denied|not allowed|forbidden/i.test(message)) {
    return {
      code: "PERMISSION_DENIED",
      hint: "The token's workspace does not allow this (plan limits, GPU type or role): check the workspace's settings on modal.com.",
      createdNothing: false,
    };
  }
  if (/image build|build failed|pip install|No matching distribution|Could not find a version/i.test(message)) {
    return {
      code: "INTERNAL_ERROR",
      hint: "Building the image failed, most often pip installing the model's requirements.txt: read the build output in the log; a version that pip cannot find for the image's Python needs the model logged with other requirements.",
      createdNothing: false,
    };
  }
  return {
    code: "INTERNAL_ERROR",
    hint: "Read the `modal deploy` output in the deployment's log; `modal app logs <app name>` shows the app's own logs.",
    createdNothing: false,
  };
}

/** `modal app stop` on an app that is not there (already stopped, never created): nothing to do. */
export const isAppAlreadyGone = (message: string): boolean =>
  /App is already stopped|No App with name .* found|Could not find (a deployed )?app/i.test(message);
