import { describe, expect, it } from "vitest";
import { imageAtStep, isStepImage, sliderIndex, stepImagesOf, stepOfFileName, unionSteps } from "./steps";

describe("step images", () => {
  it("reads the step as the last integer of the file name, extension aside", () => {
    expect(stepOfFileName("images/step_100.png")).toBe(100);
    expect(stepOfFileName("images/epoch-3_step-0042.jpg")).toBe(42);
    expect(stepOfFileName("a/b/7.jpeg")).toBe(7);
    expect(stepOfFileName("img.250.webp")).toBe(250);
    expect(stepOfFileName("run2/sample.png")).toBeNull();
    expect(stepOfFileName("sample.mp4")).toBeNull();
    expect(stepOfFileName("x_99999999999999999999.png")).toBeNull();
  });

  it("counts only images whose names carry a step", () => {
    expect(isStepImage("images/step_1.png")).toBe(true);
    expect(isStepImage("images/step_1.txt")).toBe(false);
    expect(isStepImage("images/final.png")).toBe(false);
  });

  it("orders a folder's images by step, one per step", () => {
    const paths = ["i/step_20.png", "i/notes.txt", "i/step_3.png", "i/step_20.jpg", "i/final.png"];
    expect(stepImagesOf(paths)).toEqual([
      { step: 3, path: "i/step_3.png" },
      { step: 20, path: "i/step_20.jpg" },
    ]);
  });

  it("picks the image at a step, or the nearest earlier one", () => {
    const images = [10, 20, 40].map((step) => ({ step, path: `s${step}.png` }));
    expect(imageAtStep(images, 20)).toEqual({ step: 20, path: "s20.png" });
    expect(imageAtStep(images, 39)).toEqual({ step: 20, path: "s20.png" });
    expect(imageAtStep(images, 1000)).toEqual({ step: 40, path: "s40.png" });
    expect(imageAtStep(images, 9)).toBeNull();
    expect(imageAtStep([], 9)).toBeNull();
  });

  it("slides over the union of every run's steps", () => {
    const steps = unionSteps([
      {
        images: [
          { step: 20, path: "a" },
          { step: 0, path: "b" },
        ],
      },
      {
        images: [
          { step: 10, path: "c" },
          { step: 20, path: "d" },
        ],
      },
    ]);
    expect(steps).toEqual([0, 10, 20]);
    expect(sliderIndex(steps, null)).toBe(2);
    expect(sliderIndex(steps, 10)).toBe(1);
    expect(sliderIndex(steps, 15)).toBe(1);
    expect(sliderIndex(steps, -5)).toBe(0);
    expect(sliderIndex([], 5)).toBe(-1);
  });
});
