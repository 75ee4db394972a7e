import { LocalConfig, ModalConfig, SageMakerConfig } from "mltrack-sdk/deploy-config";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { configFields, fieldErrorsOf, formToConfig, initialValues, labelOf, validateConfigForm } from "./config-form";

describe("configFields", () => {
  it("reads every field of the local config with its help text, default and bounds", () => {
    const fields = configFields(LocalConfig);
    expect(fields.map((f) => f.key)).toEqual(Object.keys(LocalConfig.shape));
    const timeout = fields.find((f) => f.key === "timeoutSeconds");
    expect(timeout).toMatchObject({
      kind: "number",
      required: false,
      defaultValue: "60",
      min: 1,
      max: 3600,
      integer: true,
      label: "Timeout seconds",
    });
    expect(timeout?.help).toBe(LocalConfig.shape.timeoutSeconds.description);
    expect(timeout?.help).toMatch(/504/);
  });

  it("marks SageMaker's role and image required and keeps optional fields optional", () => {
    const fields = configFields(SageMakerConfig);
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
    expect(byKey.region?.required).toBe(true);
    expect(byKey.executionRoleArn?.required).toBe(true);
    expect(byKey.imageUri?.required).toBe(true);
    expect(byKey.instanceType).toMatchObject({ required: false, defaultValue: "ml.m5.large", kind: "string" });
    expect(byKey.endpointName?.required).toBe(false);
    expect(byKey.endpointName?.help).toMatch(/Endpoint name/);
    // Every field has its schema's help text: one source of truth for the dialog.
    for (const f of fields) expect(f.help, f.key).not.toBe("");
  });

  it("gives Modal's GPU as a choice of the schema's options", () => {
    const gpu = configFields(ModalConfig).find((f) => f.key === "gpu");
    expect(gpu?.kind).toBe("enum");
    expect(gpu?.options).toEqual(ModalConfig.shape.gpu.unwrap().options);
    expect(gpu?.required).toBe(false);
  });

  it("flattens a nested optional object with dotted keys, not required", () => {
    const schema = z
      .object({
        a: z.string().describe("A"),
        canary: z
          .object({ modelVersion: z.string().describe("v"), weight: z.number().min(0).max(1).describe("w") })
          .optional()
          .describe("canary"),
      })
      .strict();
    const fields = configFields(schema);
    expect(fields.map((f) => [f.key, f.required])).toEqual([
      ["a", true],
      ["canary.modelVersion", false],
      ["canary.weight", false],
    ]);
    expect(formToConfig(fields, { a: "x", "canary.modelVersion": "2", "canary.weight": "0.1" })).toEqual({
      a: "x",
      canary: { modelVersion: "2", weight: 0.1 },
    });
    expect(formToConfig(fields, { a: "x", "canary.modelVersion": "", "canary.weight": "" })).toEqual({ a: "x" });
  });
});

describe("form to config and back", () => {
  it("leaves empty inputs out so the schema's defaults apply", () => {
    const fields = configFields(LocalConfig);
    const values = { ...initialValues(fields), timeoutSeconds: "" };
    const checked = validateConfigForm(LocalConfig, fields, values);
    expect(checked).toEqual({ ok: true, config: { startupTimeoutSeconds: 120 } });
    expect(LocalConfig.parse(checked.ok ? checked.config : {})).toEqual({
      timeoutSeconds: 60,
      startupTimeoutSeconds: 120,
    });
  });

  it("names the field of a value out of range or not a number", () => {
    const fields = configFields(LocalConfig);
    const tooBig = validateConfigForm(LocalConfig, fields, { timeoutSeconds: "99999", startupTimeoutSeconds: "120" });
    expect(tooBig.ok).toBe(false);
    expect(Object.keys(tooBig.ok ? {} : tooBig.errors)).toEqual(["timeoutSeconds"]);
    const text = validateConfigForm(LocalConfig, fields, { timeoutSeconds: "soon", startupTimeoutSeconds: "120" });
    expect(text.ok ? {} : text.errors).toHaveProperty("timeoutSeconds");
    expect(formToConfig(fields, { timeoutSeconds: " 30 " })).toEqual({ timeoutSeconds: 30 });
  });

  it("gives SageMaker's regex messages under the fields", () => {
    const fields = configFields(SageMakerConfig);
    const checked = validateConfigForm(SageMakerConfig, fields, {
      ...initialValues(fields),
      region: "Mars",
      executionRoleArn: "arn:aws:iam::123456789012:role/sm",
      imageUri: "123456789012.dkr.ecr.us-east-1.amazonaws.com/mlflow-pyfunc:3.18.0",
    });
    expect(checked.ok ? {} : checked.errors).toEqual({ region: "An AWS region such as us-east-1" });
  });

  it("strips a prefix from server field paths", () => {
    const result = z.object({ config: z.object({ region: z.string() }) }).safeParse({ config: { region: 1 } });
    expect(result.success).toBe(false);
    if (!result.success) expect(Object.keys(fieldErrorsOf(result.error, ["config"]))).toEqual(["region"]);
  });

  it("labels camelCase names", () => {
    expect(labelOf("memoryMb")).toBe("Memory mb");
    expect(labelOf("executionRoleArn")).toBe("Execution role arn");
  });
});
