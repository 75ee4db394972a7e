"""bench/sdk: MLflow's official Python client logging the benchmark's points into one run.

Usage: python_client.py <mode> <run_id> <keys> <steps> <limit>
  log_metric        mlflow.log_metric per point (synchronous); stops after <limit> points
  log_batch         MlflowClient.log_batch, 1,000 metrics per call
  log_metric_async  mlflow.log_metric(..., synchronous=False) per point, then flush_async_logging();
                    stops after <limit> points (MLflow sends one request per point unless
                    MLFLOW_ASYNC_LOGGING_BUFFERING_SECONDS is set, when it merges queued points)
Prints one JSON line: points, seconds (first call until the last point is in MLflow), per-call
latencies (p50/p99 in microseconds) where each call is timed.
The points are the same as the TypeScript ways': key m<k>, value step*keys+k, step, timestamp t0+step.
"""

import json
import sys
import time

import mlflow
from mlflow.entities import Metric
from mlflow.tracking import MlflowClient


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, -(-p * len(sorted_values) // 100) - 1))
    return sorted_values[int(index)]


def main():
    mode, run_id, keys, steps, limit = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    client = MlflowClient()
    t0 = int(time.time() * 1000)
    latencies = []
    points = 0
    started = time.perf_counter()
    if mode in ("log_metric", "log_metric_async"):
        # The fluent API in an active run, as training code uses it (given run_id= instead, every call
        # would first fetch the run with a synchronous runs/get).
        synchronous = mode == "log_metric"
        with mlflow.start_run(run_id=run_id):
            started = time.perf_counter()
            for step in range(steps):
                for k in range(keys):
                    before = time.perf_counter()
                    mlflow.log_metric(
                        f"m{k}", float(step * keys + k), step=step, timestamp=t0 + step, synchronous=synchronous
                    )
                    latencies.append(time.perf_counter() - before)
                    points += 1
                    if points >= limit:
                        break
                if points >= limit:
                    break
            if not synchronous:
                mlflow.flush_async_logging()
            seconds = time.perf_counter() - started
    elif mode == "log_batch":
        batch = []
        for step in range(steps):
            for k in range(keys):
                batch.append(Metric(f"m{k}", float(step * keys + k), t0 + step, step))
                if len(batch) == 1000:
                    client.log_batch(run_id, metrics=batch)
                    points += len(batch)
                    batch = []
        if batch:
            client.log_batch(run_id, metrics=batch)
            points += len(batch)
        seconds = time.perf_counter() - started
    else:
        raise SystemExit(f"unknown mode {mode}")
    latencies.sort()
    print(
        json.dumps(
            {
                "points": points,
                "seconds": seconds,
                "p50_us": percentile(latencies, 50) * 1e6 if latencies else None,
                "p99_us": percentile(latencies, 99) * 1e6 if latencies else None,
            }
        )
    )


if __name__ == "__main__":
    main()
