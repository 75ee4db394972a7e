/**
 * The ECR repositories of the three images, in a stack of their own: the images must be in them
 * before the services can start, so they are deployed (and pushed to) first. The UI (ui/Dockerfile),
 * the MLflow server (infrastructure/docker/mlflow/Dockerfile) and the MLflow pyfunc scoring image
 * SageMaker endpoints run (`mlflow sagemaker build-and-push-container --container mltrack/mlflow-pyfunc`).
 * Tags are immutable, so a tag names one build for good; the repositories outlive the stack.
 */
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as ecr from "aws-cdk-lib/aws-ecr";
import type { Construct } from "constructs";

export const REPOSITORY_NAMES = {
  ui: "mltrack/ui",
  mlflow: "mltrack/mlflow",
  scoring: "mltrack/mlflow-pyfunc",
} as const;

/** Images kept per repository; older ones expire (keep this above the number of tags you may roll back to). */
export const IMAGES_KEPT = 30;

export class RepositoriesStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const repository = (name: string, repositoryName: string, description: string) => {
      const created = new ecr.Repository(this, name, {
        repositoryName,
        imageScanOnPush: true,
        imageTagMutability: ecr.TagMutability.IMMUTABLE,
        lifecycleRules: [{ description: `Keep the last ${IMAGES_KEPT} images`, maxImageCount: IMAGES_KEPT }],
        removalPolicy: RemovalPolicy.RETAIN,
      });
      new CfnOutput(this, `${name}RepositoryUri`, { value: created.repositoryUri, description });
    };
    repository("Ui", REPOSITORY_NAMES.ui, "Push the UI image here");
    repository("Mlflow", REPOSITORY_NAMES.mlflow, "Push the MLflow image here");
    repository("Scoring", REPOSITORY_NAMES.scoring, "Push the SageMaker scoring image here");
  }
}

/** The repositories as the services' stack sees them: by name, so the two stacks share no references. */
export function importRepositories(scope: Construct): Record<keyof typeof REPOSITORY_NAMES, ecr.IRepository> {
  const named = (name: keyof typeof REPOSITORY_NAMES) =>
    ecr.Repository.fromRepositoryName(scope, `${name}Repository`, REPOSITORY_NAMES[name]);
  return { ui: named("ui"), mlflow: named("mlflow"), scoring: named("scoring") };
}
