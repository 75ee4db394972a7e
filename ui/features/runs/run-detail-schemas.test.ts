import { describe, expect, it } from "vitest";
import {
  RenameRunBody,
  SetRunNoteBody,
  SetRunTagBody,
  TagValueText,
  UserTagKey,
  fieldError,
} from "./run-detail-schemas";

describe("run page mutation rules", () => {
  it("accepts MLflow's tag keys and refuses the rest with a sentence", () => {
    expect(fieldError(UserTagKey, "team/owner name:v1.2-x")).toBeNull();
    expect(fieldError(UserTagKey, "")).toBe("Enter a key");
    expect(fieldError(UserTagKey, "k".repeat(251))).toMatch(/At most 250 characters/);
    expect(fieldError(UserTagKey, "k".repeat(250))).toBeNull();
    expect(fieldError(UserTagKey, "mlflow.note.content")).toMatch(/MLflow's own/);
    expect(fieldError(UserTagKey, "a<b>")).toMatch(/may only contain/);
    expect(fieldError(UserTagKey, "../x")).toMatch(/must not resolve/);
  });

  it("holds tag values and notes to MLflow's 8000 characters", () => {
    expect(fieldError(TagValueText, "v".repeat(8000))).toBeNull();
    expect(fieldError(TagValueText, "v".repeat(8001))).toMatch(/At most 8000 characters/);
    expect(SetRunNoteBody.safeParse({ content: "" }).success).toBe(true);
    expect(SetRunTagBody.safeParse({ key: "k", value: "" }).success).toBe(true);
    expect(SetRunTagBody.safeParse({ key: "k", value: "v", extra: 1 }).success).toBe(false);
  });

  it("trims run names and refuses empty or over-long ones", () => {
    expect(RenameRunBody.parse({ runName: "  new name " })).toEqual({ runName: "new name" });
    expect(RenameRunBody.safeParse({ runName: "   " }).success).toBe(false);
    expect(RenameRunBody.safeParse({ runName: "n".repeat(251) }).success).toBe(false);
  });
});
