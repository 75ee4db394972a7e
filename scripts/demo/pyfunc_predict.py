"""What the registered model itself predicts for the held-out rows: the reference `make test-inference`
compares the deployment's answers with.

Usage: pyfunc_predict.py <model URI> <rows file>   (MLFLOW_TRACKING_URI: the UI's URL)
The rows file holds {"columns": [...], "data": [[...], ...]}; prints {"predictions": [...]}.
"""

import json
import sys

import mlflow.pyfunc
import pandas as pd


def main() -> int:
    model_uri, rows_file = sys.argv[1], sys.argv[2]
    with open(rows_file, encoding="utf-8") as f:
        rows = json.load(f)
    frame = pd.DataFrame(rows["data"], columns=rows["columns"])
    predictions = mlflow.pyfunc.load_model(model_uri).predict(frame)
    print(json.dumps({"predictions": [int(p) for p in predictions]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
