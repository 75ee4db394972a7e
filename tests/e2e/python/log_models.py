"""Logs one run with a real scikit-learn model, through MLflow's own Python client.

Usage: log_models.py <experiment name>; the tracking URI comes from MLFLOW_TRACKING_URI.

The model is logged twice: as an MLflow 3 logged model (`mlflow.sklearn.log_model(..., name=...,
input_example=...)`, stored under the logged model, not the run) and, saved with `save_model` and
uploaded with `log_artifacts`, as a model folder among the run's own artifacts. Prints, as its last
line, JSON with the ids and versions the caller checks the UI against.
"""
import json
import sys
import tempfile

import mlflow
import sklearn
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

X, y = load_iris(return_X_y=True, as_frame=True)
model = LogisticRegression(max_iter=300).fit(X, y)
example = X.head(3)

mlflow.set_experiment(sys.argv[1])
with mlflow.start_run(run_name="sklearn-model") as run:
    info = mlflow.sklearn.log_model(model, name="iris_model", input_example=example)
    with tempfile.TemporaryDirectory() as tmp:
        mlflow.sklearn.save_model(model, f"{tmp}/exported", input_example=example)
        mlflow.log_artifacts(f"{tmp}/exported", "exported_model")

print(json.dumps({
    "run_id": run.info.run_id,
    "experiment_id": run.info.experiment_id,
    "model_id": info.model_id,
    "sklearn_version": sklearn.__version__,
    "mlflow_version": mlflow.__version__,
    "columns": list(example.columns),
    "first_value": float(example.iloc[0, 0]),
}))
