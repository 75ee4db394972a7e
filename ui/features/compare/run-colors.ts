/**
 * One colour per compared run, by its place in the comparison, the same in every chart, legend and
 * table. Twenty hues chosen to stay apart from each other and readable on light and dark backgrounds;
 * past twenty they repeat (a legend entry still names each run).
 */
export const RUN_PALETTE = [
  "#4f7df3",
  "#f2711c",
  "#21ba45",
  "#db2828",
  "#a333c8",
  "#00b5ad",
  "#e03997",
  "#a5673f",
  "#6435c9",
  "#b5cc18",
  "#2185d0",
  "#fbbd08",
  "#16ab39",
  "#767676",
  "#f26202",
  "#0e6eb8",
  "#8a5cf6",
  "#14b8a6",
  "#ef4444",
  "#84cc16",
] as const;

/** Colours by run id, following the order of `runIds`. */
export function runColors(runIds: readonly string[]): Map<string, string> {
  return new Map(runIds.map((runId, i) => [runId, RUN_PALETTE[i % RUN_PALETTE.length] as string]));
}
