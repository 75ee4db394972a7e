/**
 * The versions' metrics side by side: one row per metric key, one column per version whose source run
 * still exists, each cell the run's latest value (MLflow's run summary). A metric a run never logged is
 * a gap (null), never a zero. The best value of a row is marked when at least two versions have a
 * finite value that differ; lower is better for keys that name a loss, an error or a cost, higher for
 * the rest.
 */

/** A latest metric value as it travels in JSON: NaN and ±Infinity as MLflow's strings. */
export type WireMetricValue = number | "NaN" | "Infinity" | "-Infinity";

export interface VersionMetricsInput {
  version: string;
  runId: string;
  runName: string | null;
  experimentId: string | null;
  /** The source run's latest metrics; null when the version has no source run or it is gone. */
  runMetrics: { key: string; value: WireMetricValue }[] | null;
}

export type MetricDirection = "lower" | "higher";

export interface VersionMetricsColumn {
  version: string;
  runId: string;
  runName: string | null;
  experimentId: string | null;
}

export interface VersionMetricsCell {
  /** null: the run never logged this metric. */
  value: number | null;
  best: boolean;
}

export interface VersionMetricsRow {
  key: string;
  direction: MetricDirection;
  cells: VersionMetricsCell[];
}

export interface VersionMetricsTable {
  columns: VersionMetricsColumn[];
  rows: VersionMetricsRow[];
  /** Versions left out: no source run, or its run was deleted. */
  withoutRun: string[];
  /** Versions with a run left out because only the newest `maxColumns` are compared. */
  beyondLimit: string[];
}

/** Keys whose smaller values are better; matched on word parts of the key (`val_loss`, `test/rmse`). */
const LOWER_IS_BETTER =
  /(^|[^a-z])(loss|losses|error|errors|err|mse|rmse|mae|mape|smape|msle|rmsle|logloss|perplexity|latency|duration|cost|wer|cer|fpr|fnr)([^a-z]|$)/i;

export function metricDirection(key: string): MetricDirection {
  return LOWER_IS_BETTER.test(key) ? "lower" : "higher";
}

export function fromWireMetricValue(value: WireMetricValue): number {
  if (value === "NaN") return Number.NaN;
  if (value === "Infinity") return Number.POSITIVE_INFINITY;
  if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
  return value;
}

export function toWireMetricValue(value: number): WireMetricValue {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  return value;
}

export const DEFAULT_MAX_VERSION_COLUMNS = 20;

export function prepareVersionMetrics(
  versions: readonly VersionMetricsInput[],
  { maxColumns = DEFAULT_MAX_VERSION_COLUMNS }: { maxColumns?: number } = {},
): VersionMetricsTable {
  const withRun = versions.filter((v) => v.runMetrics !== null);
  const withoutRun = versions.filter((v) => v.runMetrics === null).map((v) => v.version);
  const newestFirst = [...withRun].sort((a, b) => Number(b.version) - Number(a.version));
  const compared = newestFirst.slice(0, maxColumns).reverse();
  const beyondLimit = newestFirst.slice(maxColumns).map((v) => v.version);

  const values = compared.map((v) => {
    const byKey = new Map<string, number>();
    for (const metric of v.runMetrics ?? []) byKey.set(metric.key, fromWireMetricValue(metric.value));
    return byKey;
  });
  const keys = [...new Set(values.flatMap((byKey) => [...byKey.keys()]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const rows = keys.map((key): VersionMetricsRow => {
    const direction = metricDirection(key);
    const row = values.map((byKey) => byKey.get(key) ?? null);
    const finite = row.filter((value): value is number => value !== null && Number.isFinite(value));
    const best = direction === "lower" ? Math.min(...finite) : Math.max(...finite);
    const differ = finite.some((value) => value !== finite[0]);
    const marked = finite.length >= 2 && differ;
    return {
      key,
      direction,
      cells: row.map((value) => ({ value, best: marked && value === best })),
    };
  });

  return {
    columns: compared.map(({ version, runId, runName, experimentId }) => ({ version, runId, runName, experimentId })),
    rows,
    withoutRun,
    beyondLimit,
  };
}
