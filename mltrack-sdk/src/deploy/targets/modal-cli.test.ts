import { describe, expect, it } from "vitest";
import { DeployError } from "../errors";
import { LOG_LINES } from "../log-tail";
import {
  appPageUrl,
  classifyModalFailure,
  cleanLine,
  cliErrorMessage,
  isAppAlreadyGone,
  parseDeployUrl,
  runModalCli,
  stripBoxDrawing,
} from "./modal-cli";

// What `modal deploy` (modal 1.6, output piped, so no live spinner) prints: image build, then the
// object tree with the web function's URL as a detail row, then the app page on modal.com.
const DEPLOY_OUTPUT_1_6 = `✓ Initialized. View run at https://modal.com/apps/acme/main/ap-8nF0cJw2yTqLm3XbVd9R1Z
Building image im-Q0bVx7TzL2sYk4RpN6cW1e

=> Step 0: FROM base

=> Step 1: RUN python -m pip install cloudpickle==3.1.2 mlflow==3.18.0 numpy==2.4.6 pandas==3.1.1 scikit-learn==1.9.1
Looking in indexes: http://pypi-mirror.modal.local:5555/simple
Collecting mlflow==3.18.0
  Downloading http://pypi-mirror.modal.local:5555/simple/mlflow/mlflow-3.18.0-py3-none-any.whl (29.1 MB)
Successfully installed mlflow-3.18.0 numpy-2.4.6 pandas-3.1.1 scikit-learn-1.9.1
Saving image...
Image saved, took 3.87s

Built image im-Q0bVx7TzL2sYk4RpN6cW1e in 58.12s

✓ Created objects.
├── 🔨 Created mount /home/ml/.mltrack/deployments/d-0123456789ab/modal/app.py
└── ✓ Created web function serve
    └── https://acme--mltrack-iris-3.modal.run (unauthenticated)
✓ App deployed in 66.402s! 🎉

View Deployment: https://modal.com/apps/acme/main/deployed/mltrack-iris-3
`;

// Modal 0.6x–1.0 printed the URL on the function's own row.
const DEPLOY_OUTPUT_ARROW = `✓ Created objects.
├── 🔨 Created mount /srv/mltrack/d-0123456789ab/modal/app.py
└── 🔨 Created web function serve => https://acme-staging--mltrack-iris-3.modal.run
✓ App deployed in 3.912s! 🎉

View Deployment: https://modal.com/apps/acme/staging/deployed/mltrack-iris-3
`;

describe("parseDeployUrl", () => {
  it("reads the web function's URL from modal 1.6 output, not the modal.com pages or the pip mirror", () => {
    expect(parseDeployUrl(DEPLOY_OUTPUT_1_6, "mltrack-iris-3")).toBe("https://acme--mltrack-iris-3.modal.run");
  });

  it("reads the `=> URL` layout, with an environment in the host", () => {
    expect(parseDeployUrl(DEPLOY_OUTPUT_ARROW, "mltrack-iris-3")).toBe(
      "https://acme-staging--mltrack-iris-3.modal.run",
    );
  });

  it("takes the only URL when Modal cut a long label and added a hash", () => {
    const out =
      "└── ✓ Created web function serve\n    └── https://acme--mltrack-a-very-long-model-name-a1b2c3.modal.run\n";
    expect(parseDeployUrl(out, "mltrack-a-very-long-model-name-for-a-label-7")).toBe(
      "https://acme--mltrack-a-very-long-model-name-a1b2c3.modal.run",
    );
  });

  it("reads through ANSI colours and OSC 8 hyperlinks", () => {
    const url = "https://acme--mltrack-iris-3.modal.run";
    const out = `    └── \u001b[2;4m\u001b]8;id=1;${url}\u001b\\${url}\u001b]8;;\u001b\\\u001b[0m \u001b[33m(unauthenticated)\u001b[0m`;
    expect(parseDeployUrl(out, "mltrack-iris-3")).toBe(url);
  });

  it("finds nothing in output without a web URL, and does not guess between two foreign ones", () => {
    expect(parseDeployUrl("✓ App deployed in 1.2s! 🎉\n", "x")).toBeUndefined();
    expect(parseDeployUrl("https://a--one.modal.run\nhttps://a--two.modal.run\n", "three")).toBeUndefined();
    expect(parseDeployUrl("https://evil.example/?x=https://a--x.modal.run.evil.example\n", "x")).toBeUndefined();
  });
});

describe("appPageUrl", () => {
  it("reads the app's page on modal.com from the last line of the output", () => {
    const pages = DEPLOY_OUTPUT_1_6.split("\n").map(appPageUrl).filter(Boolean);
    expect(pages).toEqual(["https://modal.com/apps/acme/main/deployed/mltrack-iris-3"]);
  });
});

describe("stripBoxDrawing and cliErrorMessage", () => {
  const panel = [
    "Usage: modal deploy [OPTIONS] APP_REF",
    "Try 'modal deploy -h' for help",
    "╭─ Error ─────────────────────────────────────────────────────────╮",
    "│ Token validation failed: the token ak-abc is invalid.            │",
    "│ Run `modal token new` to create a new one.                       │",
    "╰──────────────────────────────────────────────────────────────────╯",
  ];

  it("removes box-drawing characters and the lines they leave empty", () => {
    expect(stripBoxDrawing(panel.slice(2).join("\n"))).toBe(
      "Error\nToken validation failed: the token ak-abc is invalid.\nRun `modal token new` to create a new one.",
    );
  });

  it("keeps the CLI's message verbatim from its Error line on", () => {
    expect(cliErrorMessage(panel)).toBe(
      "Error\nToken validation failed: the token ak-abc is invalid.\nRun `modal token new` to create a new one.",
    );
    const plain = [
      "Error: Token missing. Could not authenticate client. If you have token credentials, see modal.com/docs/sdk/py/latest/config for setup help. If you are a new user, register an account at modal.com, then run `modal token new`.",
    ];
    expect(cliErrorMessage(plain)).toBe(plain[0]);
  });

  it("falls back to the last lines when there is no Error line", () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    expect(cliErrorMessage(lines).split("\n")).toEqual(lines.slice(-20));
    expect(cliErrorMessage([])).toBe("");
  });
});

describe("classifyModalFailure", () => {
  it.each([
    [
      "Error: Token missing. Could not authenticate client.",
      "UNAUTHENTICATED",
      true,
      /MODAL_TOKEN_ID and MODAL_TOKEN_SECRET/,
    ],
    ["Error: Token ID and secret must both be configured.", "UNAUTHENTICATED", true, /modal token new/],
    ["Error: Token validation failed: the token is invalid.", "UNAUTHENTICATED", true, /modal token new/],
    ["Error: Could not connect to the Modal server.", "INTERNAL_ERROR", true, /api\.modal\.com/],
    ["Error: Environment 'stagng' not found.", "INVALID_PARAMETER_VALUE", true, /modal environment list/],
    ["Error: Image build for im-123 failed. See build logs for more details.", "INTERNAL_ERROR", false, /requirements/],
    ["Error: something new", "INTERNAL_ERROR", false, /modal app logs/],
  ] as const)("%s", (message, code, createdNothing, hint) => {
    const failure = classifyModalFailure(message);
    expect(failure.code).toBe(code);
    expect(failure.createdNothing).toBe(createdNothing);
    expect(failure.hint).toMatch(hint);
  });

  it("tells an app that is already gone", () => {
    expect(isAppAlreadyGone("Error: No App with name 'mltrack-iris-3' found in the 'main' environment.")).toBe(true);
    expect(isAppAlreadyGone("App is already stopped. (Stopped at 2026-12-01 19:00 UTC by 'ml').")).toBe(true);
    expect(isAppAlreadyGone("Error: Could not connect to the Modal server.")).toBe(false);
  });
});

describe("cleanLine", () => {
  it("drops ANSI sequences and spinner redraws, and redacts secrets", () => {
    expect(cleanLine("\u001b[32m✓\u001b[0m done")).toBe("✓ done");
    expect(cleanLine("⠋ Creating...\r⠙ Creating...\r✓ Created.")).toBe("✓ Created.");
    expect(cleanLine("token as-SECRETVALUE here", ["as-SECRETVALUE"])).toBe("token *** here");
  });
});

describe("runModalCli", () => {
  const node = process.execPath;
  const env = { PATH: process.env.PATH ?? "" };

  it("returns the exit code and the last lines, cleaned and redacted, of stdout and stderr", async () => {
    const script = `for (let i = 0; i < 500; i++) console.log("line " + i); console.error("\\u001b[31mError: token as-TOPSECRET rejected\\u001b[0m"); process.exitCode = 3;`;
    const seen: string[] = [];
    const result = await runModalCli(node, ["-e", script], {
      env,
      timeoutMs: 60_000,
      secrets: ["as-TOPSECRET"],
      onLine: (l) => seen.push(l),
    });
    expect(result.exitCode).toBe(3);
    expect(seen).toHaveLength(501);
    // stdout and stderr are two pipes: their lines interleave in arrival order, the newest kept.
    expect(result.lines).toEqual(seen.slice(-LOG_LINES));
    expect(seen).toContain("Error: token *** rejected");
    expect(seen.join("\n")).not.toContain("TOPSECRET");
  });

  it("passes arguments as an array: nothing is interpreted by a shell", async () => {
    const result = await runModalCli(
      node,
      ["-e", "console.log(JSON.stringify(process.argv.slice(1)))", "$(id)", "a; rm -rf /", "`x`"],
      {
        env,
        timeoutMs: 60_000,
      },
    );
    expect(JSON.parse(result.lines[0] ?? "")).toEqual(["$(id)", "a; rm -rf /", "`x`"]);
  });

  it("ends the whole process group on abort and rejects with the abort reason", async () => {
    const controller = new AbortController();
    const script = `const c = require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); console.log("child " + c.pid); setInterval(() => {}, 1000);`;
    let grandchild = 0;
    const running = runModalCli(node, ["-e", script], {
      env,
      timeoutMs: 60_000,
      signal: controller.signal,
      onLine: (line) => {
        const m = /^child (\d+)$/.exec(line);
        if (m) {
          grandchild = Number(m[1]);
          controller.abort(new Error("undeployed"));
        }
      },
    });
    await expect(running).rejects.toThrow("undeployed");
    await expect.poll(() => isAlive(grandchild), { timeout: 10_000 }).toBe(false);
  });

  it("gives a DeployError with an install hint when the CLI is missing", async () => {
    const err = await runModalCli("/nonexistent/.venv/bin/modal", ["deploy", "app.py"], { env, timeoutMs: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeployError);
    expect((err as DeployError).hint).toMatch(/modal==1\.6/);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
