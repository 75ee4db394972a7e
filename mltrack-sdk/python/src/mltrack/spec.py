"""Tag, metric and artifact names from the one spec file that MLTrack's UI, its TypeScript SDK and
this package all read (`mltrack-sdk/src/spec/tags.json`; the build copies it and the other spec
files, such as `pricing.json`, into the package)."""

from __future__ import annotations

import json
from importlib import resources
from types import MappingProxyType
from typing import Any, Mapping


def load_spec_file(name: str) -> dict[str, Any]:
    """One of the spec files the build copied into the package (`tags.json`, `pricing.json`)."""
    spec_file = resources.files("mltrack").joinpath(f"spec/{name}")
    if not spec_file.is_file():
        raise ImportError(
            f"mltrack/spec/{name} is missing: mltrack was imported from its sources instead of a "
            "built package. Build it with `make python-wheel` and install the wheel."
        )
    return json.loads(spec_file.read_text(encoding="utf-8"))


SPEC: Mapping[str, Any] = MappingProxyType(load_spec_file("tags.json"))


def _group(name: str) -> Mapping[str, str]:
    return MappingProxyType(dict(SPEC[name]))


MLFLOW_TAGS = _group("mlflowTags")
"""MLflow's own tag names (`mlflow.*`): run name, user, source, git, parent run."""

MLTRACK_TAGS = _group("mltrackTags")
"""MLTrack's tags (`mltrack.*`): category (`ml` or `llm`), git dirty flag, host, errors."""

MLTRACK_METRICS = _group("mltrackMetrics")
"""MLTrack's metrics: how long the tracked function ran."""

MLTRACK_ARTIFACTS = _group("mltrackArtifacts")
"""Where track() puts the return value and the full traceback in a run's artifacts."""

LLM_TAGS = _group("llmTags")
"""Which provider and model answered an LLM run."""

LLM_METRICS = _group("llmMetrics")
"""Token usage and cost (US dollars) of an LLM run."""

SYSTEM_METRIC_PREFIX: str = SPEC["systemMetricPrefix"]
