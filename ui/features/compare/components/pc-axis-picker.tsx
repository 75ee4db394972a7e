"use client";

import { Columns3Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { AxisId } from "../search-params";

interface PcAxisPickerProps {
  choices: { params: string[]; metrics: string[] };
  chosen: readonly AxisId[];
  onChange: (axes: AxisId[]) => void;
  /** Back to the default axes (the params that differ and a metric or two). */
  onReset: () => void;
}

/** Which params and metrics parallel coordinates draw an axis for; a new axis goes last. */
export function PcAxisPicker({ choices, chosen, onChange, onReset }: PcAxisPickerProps) {
  const toggle = (id: AxisId, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((axis) => axis !== id));
  const group = (title: string, type: "param" | "metric", keys: string[]) =>
    keys.length > 0 && (
      <>
        <DropdownMenuLabel>{title}</DropdownMenuLabel>
        {keys.map((key) => {
          const id = `${type}:${key}` as AxisId;
          return (
            <DropdownMenuCheckboxItem
              key={id}
              checked={chosen.includes(id)}
              onCheckedChange={(on) => toggle(id, on === true)}
              onSelect={(event) => event.preventDefault()}
              data-testid="pc-axis-choice"
              data-axis={id}
            >
              <span className="max-w-72 truncate">{key}</span>
            </DropdownMenuCheckboxItem>
          );
        })}
      </>
    );
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" data-testid="pc-axis-picker">
          <Columns3Icon /> Axes ({chosen.length})
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-72">
        {group("Params", "param", choices.params)}
        {choices.params.length > 0 && choices.metrics.length > 0 && <DropdownMenuSeparator />}
        {group("Metrics (latest value)", "metric", choices.metrics)}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={onReset}>Default axes</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
