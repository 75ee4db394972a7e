import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSnippets, invocationsUrl, shellQuote, stringLiteral } from "./snippets";

const HOSTILE = [
  `it's "quoted" $HOME \`whoami\` $(rm -rf /) \\ back\\slash`,
  "line one\nline two\r\n\ttab",
  "'; DROP TABLE x; --",
  "unicode é ✓ \u2028 \u2029 \u0000",
];

const python = path.resolve(__dirname, "../../../.venv/bin/python");

describe("shellQuote", () => {
  it.each(HOSTILE.filter((s) => !s.includes("\u0000")))("round-trips through a real shell: %j", (value) => {
    const out = execFileSync("sh", ["-c", `printf '%s' ${shellQuote(value)}`], { encoding: "utf8" });
    expect(out).toBe(value);
  });
});

describe("stringLiteral", () => {
  it.each(HOSTILE)("is a JavaScript string literal of the value: %j", (value) => {
    const literal = stringLiteral(value);
    expect(JSON.parse(literal)).toBe(value);
    expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
  });

  it.runIf(existsSync(python)).each(HOSTILE)("is a Python string literal of the value: %j", (value) => {
    const out = execFileSync(
      python,
      ["-c", `import sys, json; sys.stdout.write(json.dumps(${stringLiteral(value)}))`],
      {
        encoding: "utf8",
      },
    );
    expect(JSON.parse(out)).toBe(value);
  });
});

describe("buildSnippets", () => {
  const body = `{"dataframe_split": {"columns": ["it's"], "data": [[1]]}}`;

  it("gives curl, Python and TypeScript for a local endpoint, every value quoted", () => {
    const snippets = buildSnippets({
      target: "local",
      endpointUrl: "http://127.0.0.1:5123/",
      contentType: "application/json",
      body,
    });
    expect(snippets.map((s) => s.language)).toEqual(["curl", "python", "typescript"]);
    const curl = snippets[0]?.code ?? "";
    expect(curl).toContain(shellQuote("http://127.0.0.1:5123/invocations"));
    expect(curl).toContain(`--data-binary ${shellQuote(body)}`);
    expect(snippets[1]?.code).toContain(`data=${stringLiteral(body)}.encode()`);
    expect(snippets[2]?.code).toContain(`body: ${stringLiteral(body)},`);
  });

  it("runs the curl snippet's quoting through a shell to the exact body", () => {
    const [curl] = buildSnippets({
      target: "modal",
      endpointUrl: "https://x.modal.run",
      contentType: "text/csv",
      body: HOSTILE[0] as string,
    });
    // Replace the command by printf of its last argument: what the shell would hand curl.
    const arg = (curl?.code ?? "").split("--data-binary ")[1] as string;
    expect(execFileSync("sh", ["-c", `printf '%s' ${arg}`], { encoding: "utf8" })).toBe(HOSTILE[0]);
  });

  it("gives the AWS CLI invoke-endpoint command for SageMaker, and nothing without an endpoint name", () => {
    const snippets = buildSnippets({
      target: "sagemaker",
      endpointUrl: null,
      endpointName: "mltrack-iris-d-0123",
      region: "us-east-1",
      contentType: "application/json",
      body,
    });
    expect(snippets[0]?.language).toBe("aws");
    expect(snippets[0]?.code).toContain("aws sagemaker-runtime invoke-endpoint --region 'us-east-1'");
    expect(snippets[0]?.code).toContain("--endpoint-name 'mltrack-iris-d-0123'");
    expect(snippets[0]?.code).toContain("--body fileb://input.json");
    expect(snippets[0]?.code).toContain(`printf '%s' ${shellQuote(body)} > input.json`);
    expect(buildSnippets({ target: "sagemaker", endpointUrl: null, contentType: "application/json", body })).toEqual(
      [],
    );
  });

  it("joins /invocations once", () => {
    expect(invocationsUrl("http://h:1//")).toBe("http://h:1/invocations");
  });
});
