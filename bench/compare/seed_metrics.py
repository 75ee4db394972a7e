"""Seeds bench/compare's metric histories straight into the MLflow server's SQLite tables.

`runs/log-batch` through MLflow's REST API manages 2,000-7,000 points a second on this machine, so
13.6 million points would take over an hour to seed; the benchmark measures reading them, not writing
them. The runs themselves are created through MLflow's REST API; this writes their `metrics` rows and
`latest_metrics` (the newest point per key, as MLflow keeps it) in MLflow's own schema, in one
transaction, while the server is idle.

Usage: python seed_metrics.py <mlflow.db> <steps> <many_steps> < run ids, one per line
"""

import math
import sqlite3
import sys

T0 = 1_767_225_600_000  # 2026-01-01T00:00:00Z in ms
EXTRA_KEYS = [f"metric_{i + 1}" for i in range(9)]


def noise(i: int, step: int) -> float:
    """Deterministic noise in [0, 1)."""
    return ((i * 2_654_435_761 + step * 40_503) % 2**32 % 10_007) / 10_007


def main() -> None:
    db, steps, many_steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    run_ids = [line.strip() for line in sys.stdin if line.strip()]

    conn = sqlite3.connect(db, timeout=60)
    conn.execute("PRAGMA synchronous = OFF")
    with conn:
        for i, run_id in enumerate(run_ids):
            spike = (i * 7919 + 4321) % steps  # run i's one spike of 1e6

            def loss(step: int) -> float:
                return 1e6 if step == spike else 1 / (1 + step / 1000) + 0.05 * noise(i, step) + i * 0.001

            conn.executemany(
                "INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, 0)",
                (("loss", loss(s), T0 + s * 100, run_id, s) for s in range(steps)),
            )
            latest = [("loss", loss(steps - 1), T0 + (steps - 1) * 100, steps - 1, run_id)]
            for k, key in enumerate(EXTRA_KEYS):

                def value(step: int) -> float:
                    return math.sin(step / (50 + k)) + noise(i + k, step)

                conn.executemany(
                    "INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, 0)",
                    ((key, value(s), T0 + s * 100, run_id, s) for s in range(many_steps)),
                )
                latest.append((key, value(many_steps - 1), T0 + (many_steps - 1) * 100, many_steps - 1, run_id))
            conn.executemany(
                "INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, ?, 0, ?)",
                latest,
            )
            print(f"  run {i + 1}/{len(run_ids)} seeded", flush=True)
    conn.close()


if __name__ == "__main__":
    main()
