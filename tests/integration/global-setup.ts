import type { TestProject } from "vitest/node";
import { startStack } from "../support/stack";

declare module "vitest" {
  export interface ProvidedContext {
    mlflowUrl: string;
    uiUrl: string;
    mlflowLog: string;
    uiPid: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = await startStack("integration");
  project.provide("mlflowUrl", stack.mlflowUrl);
  project.provide("uiUrl", stack.uiUrl);
  project.provide("mlflowLog", stack.mlflowLog);
  project.provide("uiPid", stack.uiPid);
  return () => stack.stop();
}
