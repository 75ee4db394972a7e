import {
  CreateExperimentBody,
  ExperimentDetail,
  ExperimentListPage,
  ExperimentListQuery,
} from "@/features/experiments";
import { createExperiment, listExperiments } from "@/features/experiments/server";
import { withRoute } from "@/lib/http/route";

/** One page of experiments: `q` (name contains), `sort` (`name:asc`...), `view` (`active`, `deleted`, `all`), `pageToken`. */
export const GET = withRoute({
  query: ExperimentListQuery,
  response: ExperimentListPage,
  handler: ({ query, mlflow }) => listExperiments(mlflow, query),
});

/** Creates an experiment and answers with it. */
export const POST = withRoute({
  permission: "EDIT",
  body: CreateExperimentBody,
  response: ExperimentDetail,
  handler: ({ body, mlflow }) => createExperiment(mlflow, body),
});

export const dynamic = "force-dynamic";
