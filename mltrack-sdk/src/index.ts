/** mltrack-sdk: the typed MLflow client today; `track()` and the deploy engine build on it. */
export * from "./mlflow/index";
export * from "./pipeline/index";
