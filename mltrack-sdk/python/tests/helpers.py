"""Reading back what track() logged, through MLflow's own client."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from conftest import REPO_ROOT


def experiment_runs(client: Any, experiment: str) -> list[Any]:
    found = client.get_experiment_by_name(experiment)
    assert found is not None, f"no experiment {experiment}"
    return client.search_runs([found.experiment_id])


def history(client: Any, run_id: str, key: str) -> list[tuple[int, float]]:
    return sorted((m.step, m.value) for m in client.get_metric_history(run_id, key))


def read_artifact(client: Any, run_id: str, path: str, tmp_path: Path) -> bytes:
    local = client.download_artifacts(run_id, path, str(tmp_path))
    return Path(local).read_bytes()


def read_json_artifact(client: Any, run_id: str, path: str, tmp_path: Path) -> Any:
    return json.loads(read_artifact(client, run_id, path, tmp_path))


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout.strip()
