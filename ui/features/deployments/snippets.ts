/**
 * Copyable calls of a deployment's scoring server. Every value (URL, endpoint name, region, body)
 * is quoted for its language: single-quoted for the shell, a JSON string literal (valid in Python
 * and TypeScript) for code. Nothing is spliced in raw.
 */

export type SnippetLanguage = "curl" | "python" | "typescript" | "aws";

export interface Snippet {
  language: SnippetLanguage;
  label: string;
  code: string;
}

/** A POSIX shell word: single quotes, with each `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A string literal valid in Python 3 and in JavaScript/TypeScript. */
export function stringLiteral(value: string): string {
  // JSON escapes quotes, backslashes and control characters; U+2028/2029 are escaped as well so the
  // literal stays on one line in every editor.
  return JSON.stringify(value)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export interface SnippetInput {
  target: "local" | "sagemaker" | "modal";
  /** The scoring server's base URL (local, Modal); `/invocations` is appended. */
  endpointUrl: string | null;
  /** SageMaker: the endpoint name and region (calls need SigV4, so the AWS CLI or SDK signs them). */
  endpointName?: string | null;
  region?: string | null;
  contentType: string;
  body: string;
}

export function invocationsUrl(endpointUrl: string): string {
  return `${endpointUrl.replace(/\/+$/, "")}/invocations`;
}

export function buildSnippets(input: SnippetInput): Snippet[] {
  const { contentType, body } = input;
  if (input.target === "sagemaker") {
    if (!input.endpointName) return [];
    const region = input.region ? ` --region ${shellQuote(input.region)}` : "";
    return [
      {
        language: "aws",
        label: "AWS CLI",
        code: [
          `printf '%s' ${shellQuote(body)} > input.json`,
          `aws sagemaker-runtime invoke-endpoint${region} \\`,
          `  --endpoint-name ${shellQuote(input.endpointName)} \\`,
          `  --content-type ${shellQuote(contentType)} \\`,
          `  --body fileb://input.json out.json && cat out.json`,
        ].join("\n"),
      },
      {
        language: "python",
        label: "Python (boto3)",
        code: [
          "import boto3",
          "",
          `runtime = boto3.client("sagemaker-runtime"${input.region ? `, region_name=${stringLiteral(input.region)}` : ""})`,
          "response = runtime.invoke_endpoint(",
          `    EndpointName=${stringLiteral(input.endpointName)},`,
          `    ContentType=${stringLiteral(contentType)},`,
          `    Body=${stringLiteral(body)},`,
          ")",
          'print(response["Body"].read().decode())',
        ].join("\n"),
      },
      {
        language: "typescript",
        label: "TypeScript (AWS SDK)",
        code: [
          'import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";',
          "",
          `const runtime = new SageMakerRuntimeClient(${input.region ? `{ region: ${stringLiteral(input.region)} }` : "{}"});`,
          "const response = await runtime.send(",
          "  new InvokeEndpointCommand({",
          `    EndpointName: ${stringLiteral(input.endpointName)},`,
          `    ContentType: ${stringLiteral(contentType)},`,
          `    Body: new TextEncoder().encode(${stringLiteral(body)}),`,
          "  }),",
          ");",
          "console.log(new TextDecoder().decode(response.Body));",
        ].join("\n"),
      },
    ];
  }
  if (!input.endpointUrl) return [];
  const url = invocationsUrl(input.endpointUrl);
  return [
    {
      language: "curl",
      label: "curl",
      code: [
        `curl -sS -X POST ${shellQuote(url)} \\`,
        `  -H ${shellQuote(`Content-Type: ${contentType}`)} \\`,
        `  --data-binary ${shellQuote(body)}`,
      ].join("\n"),
    },
    {
      language: "python",
      label: "Python",
      code: [
        "import requests",
        "",
        "response = requests.post(",
        `    ${stringLiteral(url)},`,
        `    headers={"Content-Type": ${stringLiteral(contentType)}},`,
        `    data=${stringLiteral(body)}.encode(),`,
        ")",
        "print(response.status_code, response.text)",
      ].join("\n"),
    },
    {
      language: "typescript",
      label: "TypeScript",
      code: [
        `const response = await fetch(${stringLiteral(url)}, {`,
        '  method: "POST",',
        `  headers: { "Content-Type": ${stringLiteral(contentType)} },`,
        `  body: ${stringLiteral(body)},`,
        "});",
        "console.log(response.status, await response.text());",
      ].join("\n"),
    },
  ];
}
