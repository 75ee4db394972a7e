/**
 * The app's two stacks: `MltrackRepositories` (ECR, deployed first so the images can be pushed) and
 * `Mltrack` (everything else), configured from context. bin/mltrack.ts and the tests both build it here.
 */
import type { App } from "aws-cdk-lib";
import { RepositoriesStack } from "./ecr";
import { MltrackStack } from "./mltrack-stack";
import { settingsFromContext } from "./settings";

export function addMltrackStacks(app: App): { repositories: RepositoriesStack; mltrack: MltrackStack } {
  const settings = settingsFromContext(app.node);
  const repositories = new RepositoriesStack(app, "MltrackRepositories", {
    description: "MLTrack's container image repositories",
  });
  const mltrack = new MltrackStack(app, "Mltrack", {
    description: "MLTrack: the UI and MLflow on ECS Fargate, PostgreSQL on RDS, artifacts in S3",
    settings,
  });
  // `cdk deploy Mltrack` deploys the repositories first; the services still need their images pushed.
  mltrack.addStackDependency(repositories);
  return { repositories, mltrack };
}
