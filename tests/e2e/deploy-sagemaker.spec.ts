/**
 * One-click deploy to SageMaker through the UI in Chromium, against moto's REAL server (started by the
 * e2e global setup; the UI server reaches it through MLTRACK_AWS_ENDPOINT_URL with dummy credentials)
 * and the real MLflow: a version with a canary variant of a second version, its traffic weights
 * shifted from the deployment page, then undeployed. moto's state is read back with the AWS SDK.
 *
 * What moto 5.2 does not do, stated rather than papered over (deploy-targets.md §3):
 * - Endpoints are InService at once: the UI shows MLTrack's own steps, never SageMaker's Creating/
 *   Updating, and no FailureReason can be produced here (the SageMaker target's unit test covers those).
 * - InvokeEndpoint runs no model: it answers what this test queues, so the test-invoke shows a
 *   scripted answer, not a prediction (deploy-local.spec.ts compares real predictions).
 * - Role, image and ModelDataUrl are not checked, and nothing is billed: the cost hint is not verified.
 */
import {
  DescribeEndpointCommand,
  ListEndpointConfigsCommand,
  ListEndpointsCommand,
  ListModelsCommand,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import type { Deployment } from "mltrack-sdk/deploy-config";
import { MOTO_ACCOUNT_ID, MOTO_CREDENTIALS } from "../support/moto";
import { registerSklearnModel } from "../support/sklearn-model";
import { expect, mlflowUrl, test, unique } from "./fixtures";

const REGION = "us-east-1";
const ROLE = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/mltrack-e2e-sagemaker`;
const IMAGE = `${MOTO_ACCOUNT_ID}.dkr.ecr.${REGION}.amazonaws.com/mlflow-pyfunc:3.18.0`;

function motoUrl(): string {
  const url = process.env.MLTRACK_E2E_MOTO_URL;
  if (!url) throw new Error("MLTRACK_E2E_MOTO_URL is not set: run through tests/e2e/playwright.config.ts.");
  return url;
}

const awsOptions = () => ({ endpoint: motoUrl(), region: REGION, credentials: MOTO_CREDENTIALS });

/** Everything of this deployment's names that moto still holds. */
async function leftInMoto(runtime: Deployment["runtime"]) {
  const sagemaker = new SageMakerClient(awsOptions());
  const s3 = new S3Client({ ...awsOptions(), forcePathStyle: true });
  const created = runtime.created as {
    endpoint: string | null;
    endpointConfigs: string[];
    models: string[];
    objects: string[];
  };
  const endpoints = (await sagemaker.send(new ListEndpointsCommand({ MaxResults: 100 }))).Endpoints ?? [];
  const configs = (await sagemaker.send(new ListEndpointConfigsCommand({ MaxResults: 100 }))).EndpointConfigs ?? [];
  const models = (await sagemaker.send(new ListModelsCommand({ MaxResults: 100 }))).Models ?? [];
  const objects =
    (await s3.send(new ListObjectsV2Command({ Bucket: runtime.bucket as string }))).Contents?.map((o) => o.Key) ?? [];
  return {
    endpoints: endpoints.map((e) => e.EndpointName).filter((n) => n === created.endpoint),
    endpointConfigs: configs.map((c) => c.EndpointConfigName).filter((n) => created.endpointConfigs.includes(n ?? "")),
    models: models.map((m) => m.ModelName).filter((n) => created.models.includes(n ?? "")),
    objects: objects.filter((k) => created.objects.includes(k ?? "")),
  };
}

test("a version deploys to SageMaker (moto) with a canary, its weights shift from the page, and undeploy leaves nothing", async ({
  page,
  request,
  mlflow,
}) => {
  test.setTimeout(300_000);
  const name = unique("e2e-iris-sm");
  const v1 = await registerSklearnModel(mlflowUrl(), name);
  const v2 = await registerSklearnModel(mlflowUrl(), name);
  expect([v1.version, v2.version]).toEqual(["1", "2"]);
  const run = await mlflow.runs.get({ runId: v1.runId });
  let deploymentId: string | undefined;
  try {
    await page.goto(`/experiments/${run.info.experimentId}/runs/${v1.runId}`);
    await page.getByTestId("run-deploy").getByTestId("deploy-button").click();
    const dialog = page.getByTestId("deploy-dialog");
    await dialog.getByTestId("deploy-target").selectOption("sagemaker");

    // Required fields empty: each gets its error, nothing is sent.
    await dialog.getByTestId("deploy-submit").click();
    for (const key of ["region", "executionRoleArn", "imageUri"]) {
      await expect(dialog.getByTestId(`config-field-${key}`).getByTestId("config-field-error")).toBeVisible();
    }

    await dialog.getByLabel(/^Region/).fill(REGION);
    await dialog.getByLabel(/^Execution role arn/).fill(ROLE);
    await dialog.getByLabel(/^Image uri/).fill(IMAGE);
    await expect(dialog.getByLabel(/^Instance type/)).toHaveValue("ml.m5.large");
    await expect(dialog.getByTestId("deploy-cost-hint")).toContainText("per hour");
    await dialog.getByLabel(/Canary › Model version/).fill(v2.version);
    await dialog.getByLabel(/Canary › Weight/).fill("0.2");
    await dialog.getByTestId("deploy-submit").click();

    const progress = dialog.getByTestId("deployment-progress");
    await expect(progress.getByTestId("deployment-status")).toHaveAttribute("data-status", "ready", {
      timeout: 180_000,
    });
    await expect(progress.getByTestId("deployment-events")).toContainText("CreateEndpoint");

    await dialog.getByTestId("deploy-detail-link").click();
    await expect(page.getByTestId("deployment-view")).toBeVisible();
    deploymentId = page.url().split("/").at(-1);
    const record = (await (await request.get(`/api/deployments/${deploymentId}`)).json()) as Deployment;
    const endpointName = record.runtime.endpointName as string;
    expect(endpointName).toBeTruthy();

    // The AWS CLI snippet names the endpoint (calls need SigV4).
    await expect(page.getByTestId("invoke-snippet")).toContainText(
      `aws sagemaker-runtime invoke-endpoint --region '${REGION}'`,
    );
    await expect(page.getByTestId("invoke-snippet")).toContainText(`--endpoint-name '${endpointName}'`);

    // Test invoke through MLTrack's route to InvokeEndpoint: moto answers what was queued for the region.
    const scripted = JSON.stringify({ predictions: v1.predictions });
    const queued = await fetch(`${motoUrl()}/moto-api/static/sagemaker/endpoint-results`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        account_id: MOTO_ACCOUNT_ID,
        region: REGION,
        results: [{ Body: scripted, ContentType: "application/json" }],
      }),
    });
    expect(queued.ok).toBe(true);
    await expect(page.getByTestId("invoke-example-note")).toContainText("serving input example");
    await page.getByTestId("invoke-submit").click();
    await expect(page.getByTestId("invoke-status")).toHaveText("200");
    expect(JSON.parse((await page.getByTestId("invoke-response").textContent()) ?? "null")).toEqual({
      predictions: v1.predictions,
    });
    await expect(page.getByTestId("invoke-stats-count")).toHaveText("1");

    // The variants as deployed: 80 % / 20 %.
    const sagemaker = new SageMakerClient(awsOptions());
    const variants = page.getByTestId("variant-row");
    await expect(variants).toHaveCount(2);
    await expect(page.getByTestId(`variant-share-version-${v1.version}`)).toHaveText("80 %");
    await expect(page.getByTestId(`variant-share-version-${v2.version}`)).toHaveText("20 %");

    // Shift to 50/50 from the page; moto's DescribeEndpoint has the new weights.
    await page.getByTestId(`variant-weight-version-${v1.version}`).fill("0.5");
    await page.getByTestId(`variant-weight-version-${v2.version}`).fill("0.5");
    const shifted = page.waitForResponse((r) => r.url().endsWith(`/api/deployments/${deploymentId}/weights`));
    await page.getByTestId("weights-submit").click();
    expect((await shifted).status()).toBe(200);
    // The page shows the record's weights as the engine saved them (read again after a reload).
    await page.reload();
    await expect(page.getByTestId(`variant-weight-version-${v1.version}`)).toHaveValue("0.5");
    await expect(page.getByTestId(`variant-share-version-${v2.version}`)).toHaveText("50 %");
    const described = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
    expect(described.ProductionVariants?.map((v) => [v.VariantName, v.CurrentWeight])).toEqual([
      [`version-${v1.version}`, 0.5],
      [`version-${v2.version}`, 0.5],
    ]);

    // Undeploy: the confirmation lists every resource; afterwards moto holds none of them.
    const before = (await (await request.get(`/api/deployments/${deploymentId}`)).json()) as Deployment;
    const held = await leftInMoto(before.runtime);
    expect(held.endpoints).toEqual([endpointName]);
    expect(held.models).toHaveLength(2);
    expect(held.objects).toHaveLength(2);
    await page.getByTestId("undeploy-button").click();
    const resources = page.getByTestId("undeploy-resources");
    await expect(resources).toContainText(endpointName);
    for (const m of held.models) await expect(resources).toContainText(m ?? "");
    await page.getByTestId("undeploy-confirm").click();
    await expect(page.getByTestId("deployment-view").getByTestId("deployment-status").first()).toHaveAttribute(
      "data-status",
      "stopped",
      { timeout: 120_000 },
    );
    expect(await leftInMoto(before.runtime)).toEqual({ endpoints: [], endpointConfigs: [], models: [], objects: [] });
  } finally {
    if (deploymentId) {
      const res = await request.get(`/api/deployments/${deploymentId}`);
      const d = (await res.json()) as Deployment;
      if (res.ok() && d.status !== "stopped" && d.status !== "failed")
        await request.delete(`/api/deployments/${deploymentId}`);
    }
  }
});
