import "server-only";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { columnLabel } from "../format";
import { csvHeader, csvLines } from "../csv";
import { MAX_RUNS_PER_VIEW, type RunCursor, type RunRow } from "../schemas";
import { runSearchRequestOf, viewColumns, type RunsView } from "../search-params";
import { sortRows } from "../sort-rows";
import { compileOrThrow, searchRuns } from "./search-runs";

const EXPORT_PAGE_SIZE = 2_000;

/**
 * Every run matching the view (up to MLflow's 50,000), as CSV in the view's order and columns. An
 * unordered view streams page by page as MLflow answers; an ordered one is sorted once all are in.
 * The filter is checked before the response starts, so a bad one is a 400, not a broken download.
 */
export function exportRunsCsv(mlflow: MlflowClient, experimentId: string, view: RunsView): ReadableStream<Uint8Array> {
  compileOrThrow(view.filter);
  const columns = viewColumns(view);
  const request = runSearchRequestOf(experimentId, view);
  const encoder = new TextEncoder();
  let cursor: RunCursor | null | undefined;
  let sent = 0;
  const held: RunRow[] = [];
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHeader(columns.map(columnLabel))));
    },
    async pull(controller) {
      const page = await searchRuns(mlflow, {
        ...request,
        pageSize: Math.min(EXPORT_PAGE_SIZE, MAX_RUNS_PER_VIEW - sent),
        ...(cursor ? { after: cursor } : {}),
      });
      sent += page.runs.length;
      cursor = page.nextCursor;
      const done = cursor === null || sent >= MAX_RUNS_PER_VIEW;
      if (view.orderBy.length) {
        held.push(...page.runs);
        if (done) controller.enqueue(encoder.encode(csvLines(columns, sortRows(held, columns, view.orderBy))));
      } else if (page.runs.length) {
        controller.enqueue(encoder.encode(csvLines(columns, page.runs)));
      }
      if (done) controller.close();
    },
  });
}
