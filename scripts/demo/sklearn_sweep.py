"""The scikit-learn half of `make train`, through MLTrack's Python binding (`mltrack.track`).

On scikit-learn's breast-cancer dataset (it ships with scikit-learn: nothing is downloaded), a
parent run "sweep" in experiment mltrack-demo-sklearn with one nested run per configuration of a
small MLPClassifier grid, each trained epoch by epoch with `partial_fit` and logging train and
validation loss and accuracy at step=epoch. One configuration is invalid on purpose (a negative
learning rate): scikit-learn refuses it, its run ends FAILED with the error, and the sweep goes on.
The configuration with the lowest final validation loss is logged with `mlflow.sklearn.log_model`
(signature and input example) in its own run, registered as mltrack-demo-classifier, and gets the
alias champion; the parent run is tagged with its run id.

Writes the held-out rows (never trained or validated on) to --holdout for `make test-inference`,
and the training and validation rows to --dataset for the TypeScript demo. Progress goes to
stderr; the last line on stdout is a JSON summary. Deterministic: every split and model is seeded.

Usage: sklearn_sweep.py --holdout <file> --dataset <file>   (MLFLOW_TRACKING_URI: the UI's URL)
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import mlflow.sklearn
import numpy as np
from mlflow import MlflowClient
from mlflow.models import infer_signature
from sklearn.datasets import load_breast_cancer
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

try:
    from mltrack import current_run, track
except ImportError as err:
    sys.exit(f"Cannot import mltrack, MLTrack's Python binding ({err}): run `make python-binding`.")

EXPERIMENT = "mltrack-demo-sklearn"
REGISTERED_MODEL = "mltrack-demo-classifier"
ALIAS = "champion"
SEED = 42
EPOCHS = 25
HOLDOUT_ROWS = 40
BEST_RUN_TAG = "demo.best_run_id"
SERVING_PACKAGES = ("mlflow", "scikit-learn", "skops", "numpy", "scipy", "pandas")

# 6 valid configurations, then one scikit-learn refuses (learning_rate_init must be > 0).
GRID = [
    {"hidden_units": hidden, "learning_rate_init": lr, "alpha": 0.001}
    for hidden in (8, 32)
    for lr in (0.001, 0.003, 0.01)
] + [{"hidden_units": 16, "learning_rate_init": -0.01, "alpha": 0.001}]
PARAMS = ["hidden_units", "learning_rate_init", "alpha", "epochs", "seed"]


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class TrackingFailures(logging.Handler):
    """The binding never raises into the demo; it logs each tracking failure on the 'mltrack' logger."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        error = record.exc_info[1] if record.exc_info else None
        self.messages.append(f"{record.getMessage()}: {error}" if error else record.getMessage())


class Splits:
    """Breast cancer (569 rows, 30 features; 0 = malignant, 1 = benign) split three ways, stratified."""

    def __init__(self) -> None:
        data = load_breast_cancer(as_frame=True)
        X, y = data.data, data.target
        self.class_names = [str(name) for name in data.target_names]
        X_rest, self.X_holdout, y_rest, self.y_holdout = train_test_split(
            X, y, test_size=HOLDOUT_ROWS, stratify=y, random_state=SEED
        )
        self.X_train, self.X_val, self.y_train, self.y_val = train_test_split(
            X_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=SEED
        )
        self.classes = np.unique(y)

    def write_holdout(self, path: Path) -> None:
        write_json(
            path,
            {
                "dataset": "sklearn.datasets.load_breast_cancer",
                "columns": list(self.X_holdout.columns),
                "data": self.X_holdout.values.tolist(),
                "labels": [int(v) for v in self.y_holdout],
                "classes": [int(c) for c in self.classes],
                "class_names": self.class_names,
            },
        )

    def write_training(self, path: Path) -> None:
        write_json(
            path,
            {
                "dataset": "sklearn.datasets.load_breast_cancer",
                "columns": list(self.X_train.columns),
                "train": {"data": self.X_train.values.tolist(), "labels": [int(v) for v in self.y_train]},
                "validation": {"data": self.X_val.values.tolist(), "labels": [int(v) for v in self.y_val]},
            },
        )


def write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")


def config_name(config: dict[str, Any]) -> str:
    return f"mlp-h{config['hidden_units']}-lr{config['learning_rate_init']}-a{config['alpha']}"


def make_trainer(splits: Splits, trained: dict[str, tuple[str, Pipeline]]):
    """One configuration's training, as a plain function; the sweep tracks each call as a nested run.
    Each trained model is kept in `trained` (name -> run id, model) for the champion's logging."""

    def train_config(name: str, hidden_units: int, learning_rate_init: float, alpha: float, epochs: int, seed: int):
        scaler = StandardScaler().fit(splits.X_train)
        X_train, X_val = scaler.transform(splits.X_train), scaler.transform(splits.X_val)
        mlp = MLPClassifier(
            hidden_layer_sizes=(hidden_units,),
            learning_rate_init=learning_rate_init,
            alpha=alpha,
            batch_size=32,
            random_state=seed,
        )
        run = current_run()
        for epoch in range(epochs):
            mlp.partial_fit(X_train, splits.y_train, classes=splits.classes)
            metrics = {}
            for split, X, y in (("train", X_train, splits.y_train), ("val", X_val, splits.y_val)):
                proba = mlp.predict_proba(X)
                metrics[f"{split}_loss"] = log_loss(y, proba, labels=splits.classes)
                metrics[f"{split}_accuracy"] = accuracy_score(y, splits.classes[proba.argmax(axis=1)])
            run.log(metrics, step=epoch)
        # The scaler fitted on the training rows travels with the model: it scores raw features.
        trained[name] = (run.run_id, Pipeline([("scale", scaler), ("mlp", mlp)]))
        return {"final_val_loss": metrics["val_loss"], "final_val_accuracy": metrics["val_accuracy"]}

    return train_config


def log_champion(splits: Splits, run_id: str, model: Pipeline) -> str:
    """The best configuration's model, logged in its run, registered, with the alias on the new version."""
    example = splits.X_train.head(5)
    info = mlflow.sklearn.log_model(
        model,
        name="model",
        run_id=run_id,
        signature=infer_signature(example, model.predict(example)),
        input_example=example,
        registered_model_name=REGISTERED_MODEL,
        # MLflow saves with skops, which loads only the types it is told to trust: an MLP's optimizer state.
        skops_trusted_types=["sklearn.neural_network._stochastic_optimizers.AdamOptimizer"],
        # The versions this sweep ran with; MLflow would otherwise infer them in a subprocess (~15 s).
        pip_requirements=[f"{name}=={version(name)}" for name in SERVING_PACKAGES],
    )
    registered = str(info.registered_model_version)
    MlflowClient().set_registered_model_alias(REGISTERED_MODEL, ALIAS, registered)
    return registered


def sweep(epochs: int, seed: int, holdout: str, dataset: str) -> dict[str, Any]:
    splits = Splits()
    splits.write_holdout(Path(holdout))
    splits.write_training(Path(dataset))
    say(
        f"breast cancer: {len(splits.X_train)} training, {len(splits.X_val)} validation and "
        f"{len(splits.X_holdout)} held-out rows (written to {holdout})"
    )
    trained: dict[str, tuple[str, Pipeline]] = {}
    trainer = make_trainer(splits, trained)
    results: list[dict[str, Any]] = []
    failed = 0
    for config in GRID:
        name = config_name(config)
        tracked = track(trainer, run_name=name, params=PARAMS, tags={"demo.config": name})
        try:
            result = tracked(name, **config, epochs=epochs, seed=seed)
        except ValueError as err:  # the configuration scikit-learn refuses, on purpose
            failed += 1
            say(f"  {name}: FAILED ({err})")
            continue
        results.append({"name": name, "run_id": trained[name][0], **result})
        say(f"  {name}: val_loss {result['final_val_loss']:.4f}, val_accuracy {result['final_val_accuracy']:.3f}")

    best = min(results, key=lambda r: r["final_val_loss"])
    model_version = log_champion(splits, best["run_id"], trained[best["name"]][1])
    run = current_run()
    run.set_tags({BEST_RUN_TAG: best["run_id"], "demo.best_config": best["name"]})
    run.log({"best_val_loss": best["final_val_loss"], "best_val_accuracy": best["final_val_accuracy"]})
    say(f"best: {best['name']} (run {best['run_id']}): {REGISTERED_MODEL} version {model_version}, alias {ALIAS}")
    return {
        "experiment": EXPERIMENT,
        "experiment_id": run.experiment_id,
        "parent_run_id": run.run_id,
        "child_runs": len(GRID),
        "failed": failed,
        "epochs": epochs,
        "best_run_id": best["run_id"],
        "best_config": best["name"],
        "registered_model": REGISTERED_MODEL,
        "version": model_version,
        "alias": ALIAS,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--holdout", required=True, help="where the held-out rows go (JSON)")
    parser.add_argument("--dataset", required=True, help="where the training and validation rows go (JSON)")
    args = parser.parse_args()

    failures = TrackingFailures()
    binding_log = logging.getLogger("mltrack")
    binding_log.addHandler(failures)
    binding_log.setLevel(logging.DEBUG)
    binding_log.propagate = False

    say(f"sweep: {len(GRID)} configurations x {EPOCHS} epochs in experiment {EXPERIMENT}")
    tracked_sweep = track(
        sweep,
        experiment=EXPERIMENT,
        run_name="sweep",
        params=["epochs", "seed"],
        tags={"demo.kind": "sweep"},
        capture_outputs=False,
    )
    summary = tracked_sweep(EPOCHS, SEED, args.holdout, args.dataset)
    if failures.messages:
        say("MLTrack's binding could not log everything:\n  " + "\n  ".join(failures.messages))
        return 1
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
