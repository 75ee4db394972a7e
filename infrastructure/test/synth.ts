/**
 * Synthesises the stack as `cdk synth` would (cdk.json's feature flags plus sample context) and
 * reads the template back as plain JSON, with intrinsics rendered to comparable strings.
 */
import { readFileSync } from "node:fs";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { addMltrackStacks } from "../lib/app";

export const SAMPLE_CONTEXT = {
  imageTag: "3f9c2e1",
  domainName: "mltrack.example.com",
  certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e",
  hostedZoneId: "Z0123456789ABCDEFGHIJ",
  hostedZoneName: "example.com",
};

export const CDK_JSON = JSON.parse(readFileSync(new URL("../cdk.json", import.meta.url), "utf8")) as {
  app: string;
  context: Record<string, unknown>;
};

/**
 * CloudFormation's own schema validation (a WebAssembly validator, seconds per synth) is left to
 * app.test.ts, which synthesises bin/mltrack.ts as the CLI does.
 */
export function synthesizeApp(context: Record<string, unknown> = SAMPLE_CONTEXT): {
  mltrack: Template;
  repositories: Template;
} {
  const app = new App({
    // Path metadata, as the CLI asks for, lets tests find a resource by its construct path.
    context: { ...CDK_JSON.context, "aws:cdk:enable-path-metadata": true, ...context },
    builtinCloudFormationValidation: false,
  });
  const stacks = addMltrackStacks(app);
  return { mltrack: Template.fromStack(stacks.mltrack), repositories: Template.fromStack(stacks.repositories) };
}

/** The Mltrack stack's template. */
export const synthesize = (context: Record<string, unknown> = SAMPLE_CONTEXT): Template =>
  synthesizeApp(context).mltrack;

/** How the Mltrack stack names a repository of the MltrackRepositories stack. */
export const repositoryArn = (name: string) =>
  `arn:\${AWS::Partition}:ecr:\${AWS::Region}:\${AWS::AccountId}:repository/${name}`;

export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string[];
}

/** `{ logicalId: resource }` of one type. */
export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** The one resource of `type`; fails when there are none or several. */
export function onlyResource(template: Template, type: string): [string, Resource] {
  const entries = Object.entries(resourcesOf(template, type));
  if (entries.length !== 1) throw new Error(`Expected one ${type}, found ${entries.length}`);
  return entries[0] as [string, Resource];
}

/** Logical ids of the resources of `type` whose construct path contains `pathPart`. */
export function logicalIdAt(template: Template, type: string, pathPart: string): string {
  const all = template.toJSON().Resources as Record<string, Resource & { Metadata?: { "aws:cdk:path"?: string } }>;
  const ids = Object.entries(all)
    .filter(([, r]) => r.Type === type && r.Metadata?.["aws:cdk:path"]?.includes(pathPart))
    .map(([id]) => id);
  if (ids.length !== 1) throw new Error(`Expected one ${type} at ${pathPart}, found ${ids.join(", ") || "none"}`);
  return ids[0] as string;
}

/**
 * An intrinsic as text: `{"Ref": "X"}` → `${X}`, `{"Fn::GetAtt": ["X", "Arn"]}` → `${X.Arn}`,
 * `Fn::Join` joined, pseudo parameters kept by name (`${AWS::Region}`).
 */
export function render(value: unknown): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (value && typeof value === "object") {
    const object = value as Record<string, unknown>;
    if ("Ref" in object) return `\${${String(object.Ref)}}`;
    if ("Fn::GetAtt" in object) return `\${${(object["Fn::GetAtt"] as string[]).join(".")}}`;
    if ("Fn::Join" in object) {
      const [separator, parts] = object["Fn::Join"] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
  }
  return JSON.stringify(value);
}

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
