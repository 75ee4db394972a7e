import "server-only";
import type { MlflowClient } from "mltrack-sdk/mlflow";
import type { RegisteredModelNames } from "../schemas";

/** Names offered by the register dialog's search. */
export const REGISTERED_MODEL_SUGGESTIONS = 20;

/**
 * Registered models whose name contains `text` (case-insensitive). MLflow's filter strings cannot
 * escape quotes, so quotes and backslashes are dropped from the search text; `%` and `_` keep their
 * LIKE meaning.
 */
export async function searchRegisteredModelNames(
  mlflow: MlflowClient,
  text: string,
  signal?: AbortSignal,
): Promise<RegisteredModelNames> {
  const safe = text.replace(/['"`\\]/g, "").trim();
  const page = await mlflow.registeredModels.search(
    {
      ...(safe ? { filter: `name ILIKE '%${safe}%'` } : {}),
      maxResults: REGISTERED_MODEL_SUGGESTIONS,
      orderBy: ["name ASC"],
    },
    { signal },
  );
  return { names: page.items.map((model) => model.name) };
}
