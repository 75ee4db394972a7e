"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { AxisId } from "../search-params";

interface ScatterAxisSelectProps {
  label: string;
  value: AxisId | null;
  choices: { params: string[]; metrics: string[] };
  onChange: (axis: AxisId) => void;
  testId: string;
}

/** A param or a metric (its latest value) to place the scatter's runs by. */
export function ScatterAxisSelect({ label, value, choices, onChange, testId }: ScatterAxisSelectProps) {
  const options = [
    ...choices.params.map((key) => ({ id: `param:${key}` as AxisId, key, type: "param" })),
    ...choices.metrics.map((key) => ({ id: `metric:${key}` as AxisId, key, type: "metric" })),
  ];
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-muted-foreground">{label}</span>
      <Select value={value ?? ""} onValueChange={(next) => onChange(next as AxisId)}>
        <SelectTrigger size="sm" className="max-w-64" aria-label={`Scatter ${label}`} data-testid={testId}>
          <SelectValue placeholder="Choose" />
        </SelectTrigger>
        <SelectContent>
          {options.map((option) => (
            <SelectItem key={option.id} value={option.id}>
              <span className="truncate">{option.key}</span>
              <span className="ml-2 text-xs text-muted-foreground">{option.type}</span>
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </label>
  );
}
