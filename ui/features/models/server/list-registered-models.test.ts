import { describe, expect, it } from "vitest";
import type { RegisteredModel } from "mltrack-sdk/mlflow";
import { versionNameFilter } from "./get-registered-model";
import { belongsOnList, registeredModelFilter, toRegisteredModelSummary } from "./list-registered-models";

const model = (overrides: Partial<RegisteredModel>): RegisteredModel => ({
  name: "churn",
  creationTimestamp: 1,
  lastUpdatedTimestamp: 2,
  userId: "",
  description: "",
  latestVersions: [],
  tags: {},
  aliases: {},
  ...overrides,
});

describe("registeredModelFilter", () => {
  it("asks MLflow for models only, with the name search quoted safely", () => {
    expect(registeredModelFilter("")).toEqual({ filter: "tags.`mlflow.prompt.is_prompt` != 'true'", narrow: false });
    expect(registeredModelFilter("churn")).toEqual({
      filter: "name ILIKE '%churn%' AND tags.`mlflow.prompt.is_prompt` != 'true'",
      narrow: false,
    });
    expect(registeredModelFilter("bob's_%")).toEqual({
      filter: "name ILIKE '%bob_s__%' AND tags.`mlflow.prompt.is_prompt` != 'true'",
      narrow: true,
    });
  });
});

describe("belongsOnList", () => {
  it("drops prompts MLflow let through and narrows searches MLflow could not say literally", () => {
    expect(belongsOnList(model({ tags: { "mlflow.prompt.is_prompt": "True" } }), "", false)).toBe(false);
    expect(belongsOnList(model({ name: "bob's model" }), "bob's", true)).toBe(true);
    expect(belongsOnList(model({ name: "bobXs model" }), "bob's", true)).toBe(false);
  });
});

describe("toRegisteredModelSummary", () => {
  it("shows latest versions with their aliases, hides deployment records, keeps the description's first line", () => {
    const version = (v: string) =>
      ({ ...model({}), version: v }) as unknown as RegisteredModel["latestVersions"][number];
    expect(
      toRegisteredModelSummary(
        model({
          description: "Churn classifier\n\nDetails <b>here</b>",
          latestVersions: [version("2"), version("5")],
          aliases: { champion: "5", challenger: "5", old: "1" },
          tags: { team: "growth", "mltrack.deployment.d-0123456789ab": "{}" },
        }),
      ),
    ).toEqual({
      name: "churn",
      description: "Churn classifier",
      lastUpdatedTimestamp: 2,
      latestVersions: [
        { version: "5", aliases: ["challenger", "champion"] },
        { version: "2", aliases: [] },
      ],
      aliases: [
        { alias: "challenger", version: "5" },
        { alias: "champion", version: "5" },
        { alias: "old", version: "1" },
      ],
      tags: [{ key: "team", value: "growth" }],
    });
  });
});

describe("versionNameFilter", () => {
  it("quotes with whichever quote the name does not hold, and refuses names with both", () => {
    expect(versionNameFilter("churn")).toBe("name = 'churn'");
    expect(versionNameFilter("bob's model")).toBe(`name = "bob's model"`);
    expect(() => versionNameFilter(`a'b"c`)).toThrow(/both quote characters/);
  });
});
