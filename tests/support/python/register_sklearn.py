"""Trains a scikit-learn model on iris and registers it, through MLflow's own Python client.

Usage: register_sklearn.py <registered model name> [<experiment name>]
The tracking URI comes from MLFLOW_TRACKING_URI.

The model (LogisticRegression) is logged with `mlflow.sklearn.log_model(..., input_example=...)`, so
its artifacts hold MLmodel and serving_input_example.json, and registered as a new version of the
given registered model (created when missing). Prints, as its LAST line, JSON:
  {"name", "version", "run_id", "model_id", "columns": [...], "rows": [[...], ...], "predictions": [...]}
where rows are the input example and predictions the model's own predictions for them.
"""
import json
import sys

import mlflow
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

name = sys.argv[1]
experiment = sys.argv[2] if len(sys.argv) > 2 else f"register-{name}"

X, y = load_iris(return_X_y=True, as_frame=True)
model = LogisticRegression(max_iter=300).fit(X, y)
# Rows of all three classes, so equal predictions are not a coincidence.
example = X.iloc[[0, 1, 60, 75, 120, 140]]

mlflow.set_experiment(experiment)
with mlflow.start_run(run_name="iris-sklearn") as run:
    info = mlflow.sklearn.log_model(model, name="model", input_example=example, registered_model_name=name)

print(json.dumps({
    "name": name,
    "version": str(info.registered_model_version),
    "run_id": run.info.run_id,
    "model_id": info.model_id,
    "columns": list(example.columns),
    "rows": example.values.tolist(),
    "predictions": [int(p) for p in model.predict(example)],
}))
