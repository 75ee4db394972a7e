import "server-only";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import { matchesNameQuery, nameFilter } from "@/lib/name-search";
import type { RegisteredModelNames } from "../schemas";

/** Names offered by the register dialog's search. */
export const REGISTERED_MODEL_SUGGESTIONS = 20;

/** Registered models whose name contains `text` (case-insensitive), literally (see lib/name-search.ts). */
export async function searchRegisteredModelNames(
  mlflow: MlflowClient,
  text: string,
  signal?: AbortSignal,
): Promise<RegisteredModelNames> {
  const names = nameFilter(text);
  const page = await mlflow.registeredModels.search(
    {
      ...(names.filter ? { filter: names.filter } : {}),
      // A search MLflow cannot say literally over-fetches, and is narrowed here.
      maxResults: names.narrow ? 1000 : REGISTERED_MODEL_SUGGESTIONS,
      orderBy: ["name ASC"],
    },
    { signal },
  );
  return {
    names: page.items
      .filter((model) => matchesNameQuery(model.name, text))
      .slice(0, REGISTERED_MODEL_SUGGESTIONS)
      .map((model) => model.name),
  };
}
