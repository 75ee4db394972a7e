"use client";

import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { formatStep } from "../prepare/axis-format";

interface ImagesStepSliderProps {
  steps: readonly number[];
  index: number;
  onIndex: (index: number) => void;
}

/** One slider over every step any run has an image at; arrow keys move it a step at a time. */
export function ImagesStepSlider({ steps, index, onIndex }: ImagesStepSliderProps) {
  const step = steps[index]!;
  return (
    <div className="flex items-center gap-2">
      <Button
        variant="ghost"
        size="icon"
        aria-label="Previous step"
        disabled={index <= 0}
        onClick={() => onIndex(index - 1)}
      >
        <ChevronLeft />
      </Button>
      <input
        type="range"
        min={0}
        max={steps.length - 1}
        step={1}
        value={index}
        onChange={(event) => onIndex(Number(event.target.value))}
        aria-label="Step"
        aria-valuetext={`Step ${formatStep(step)}`}
        className="min-w-0 flex-1 accent-primary"
        data-testid="images-slider"
      />
      <Button
        variant="ghost"
        size="icon"
        aria-label="Next step"
        disabled={index >= steps.length - 1}
        onClick={() => onIndex(index + 1)}
      >
        <ChevronRight />
      </Button>
      <span className="w-28 text-sm tabular-nums" data-testid="images-step">
        Step {formatStep(step)}
      </span>
      <span className="text-xs text-muted-foreground">
        {index + 1} of {steps.length}
      </span>
    </div>
  );
}
