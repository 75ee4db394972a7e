"""Logs one run with MLflow's own Python client; the tracking URI (the UI's gateway) comes from env.

Prints, as its last line, JSON with the run's ids and exactly what was logged, for the caller to
compare with what MLflow stored.
"""
import json
import sys

import mlflow

params = {"lr": "0.01", "optimizer": "adam"}
losses = [1.0 / (step + 1) for step in range(5)]
note = "hello from python\n"
config = {"layers": [64, 32], "dropout": 0.1}

mlflow.set_experiment(sys.argv[1])
with mlflow.start_run(run_name="python-via-gateway") as run:
    mlflow.log_params(params)
    for step, loss in enumerate(losses):
        mlflow.log_metric("loss", loss, step=step)
    mlflow.set_tag("team", "mltrack")
    mlflow.log_text(note, "notes/hello.txt")
    mlflow.log_dict(config, "config.json")

print(json.dumps({
    "run_id": run.info.run_id,
    "experiment_id": run.info.experiment_id,
    "params": params,
    "losses": losses,
    "note": note,
    "config": config,
}))
