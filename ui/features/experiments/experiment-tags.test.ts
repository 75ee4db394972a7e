import { describe, expect, it } from "vitest";
import { descriptionSummary, groupExperimentTags, tagKeyProblem, writableTagKeyProblem } from "./experiment-tags";

describe("experiment tags", () => {
  it("splits the description, the user's tags and MLflow's, and hides saved views", () => {
    const groups = groupExperimentTags({
      "mlflow.note.content": "# Churn\nbaseline",
      team: "growth",
      "mltrack.view.default": '{"columns":[]}',
      "mltrack.view.my view": "{}",
      "mlflow.sharedViewState.1": "x",
      Area: "ml",
      "mltrack.owner": "ana",
    });
    expect(groups).toEqual({
      description: "# Churn\nbaseline",
      tags: [
        { key: "Area", value: "ml" },
        { key: "mltrack.owner", value: "ana" },
        { key: "team", value: "growth" },
      ],
      systemTags: [{ key: "mlflow.sharedViewState.1", value: "x" }],
    });
    expect(JSON.stringify(groups)).not.toContain("mltrack.view.");
    expect(groupExperimentTags({})).toEqual({ description: "", tags: [], systemTags: [] });
  });

  it("summarises a description to its first line", () => {
    expect(descriptionSummary("  Churn baseline \nsecond line")).toBe("Churn baseline");
    expect(descriptionSummary("x".repeat(300))).toHaveLength(200);
    expect(descriptionSummary("")).toBe("");
  });

  it("refuses keys MLflow would refuse, and keys that are not the user's", () => {
    expect(tagKeyProblem("team")).toBeUndefined();
    expect(tagKeyProblem("data/source: v1.2-b")).toBeUndefined();
    expect(tagKeyProblem("équipe")).toBeUndefined();
    expect(tagKeyProblem("")).toMatch(/Enter a key/);
    expect(tagKeyProblem(" team")).toMatch(/space/);
    expect(tagKeyProblem("a<b>")).toMatch(/only contain/);
    expect(tagKeyProblem("a/../b")).toMatch(/segments/);
    expect(tagKeyProblem("/abs")).toMatch(/segments/);
    expect(tagKeyProblem("k".repeat(251))).toMatch(/250/);
    expect(tagKeyProblem("mlflow.note.content")).toMatch(/reserved/);
    expect(tagKeyProblem("mltrack.view.default")).toMatch(/saved runs views/);
    // The description is written through the same API, under MLflow's note tag, and nothing else of MLflow's.
    expect(writableTagKeyProblem("mlflow.note.content")).toBeUndefined();
    expect(writableTagKeyProblem("mlflow.user")).toMatch(/reserved/);
    expect(writableTagKeyProblem("mltrack.view.x")).toMatch(/saved runs views/);
  });
});
