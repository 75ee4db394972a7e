"""The run a tracked function logs to: `current_run()` and its logging methods."""

from __future__ import annotations

import contextvars
import os
import posixpath
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Mapping, Sequence

from . import _values as values
from ._safe import never_raises
from .llm import LlmUsage, usage_of
from .models import log_sklearn_model
from .spec import LLM_METRICS, LLM_TAGS, MLTRACK_TAGS


def now_ms() -> int:
    return int(time.time() * 1000)


def check_artifact_path(name: str) -> str:
    """A relative artifact path inside the run (no absolute path, `..`, backslash or empty segment)."""
    if not isinstance(name, str) or not name:
        raise ValueError("an artifact name must be a non-empty string")
    if name.startswith("/") or "\\" in name or "\x00" in name:
        raise ValueError(f"artifact name {name!r} must be a relative path with '/' separators")
    if any(segment in ("", ".", "..") for segment in name.split("/")):
        raise ValueError(f"artifact name {name!r} has an empty, '.' or '..' segment")
    return name


class Run:
    """A run of a tracked function. Every method logs straight to MLflow with the official client
    and never raises: a failure is one warning for the process, then debug logs. Outside a tracked
    function (or when MLflow could not create the run) `current_run()` is a run whose methods do
    nothing and whose `run_id` is None."""

    def __init__(self, client: Any = None, run_id: str | None = None, experiment_id: str | None = None):
        self._client = client
        self._run_id = run_id
        self._experiment_id = experiment_id
        self._llm_calls = 0
        # The run on mlflow's own (thread-local) active-run stack when this run started.
        self.mlflow_run_before: str | None = None

    @property
    def run_id(self) -> str | None:
        return self._run_id

    @property
    def experiment_id(self) -> str | None:
        return self._experiment_id

    @property
    def active(self) -> bool:
        """False for the do-nothing run outside tracked functions."""
        return self._run_id is not None

    def __repr__(self) -> str:
        return f"Run(run_id={self._run_id!r}, experiment_id={self._experiment_id!r})"

    def _log_batch(self, metrics: Sequence[Any] = (), params: Sequence[Any] = (), tags: Sequence[Any] = ()) -> None:
        if self._run_id is not None and (metrics or params or tags):
            self._client.log_batch(self._run_id, metrics=list(metrics), params=list(params), tags=list(tags))

    @never_raises("logging metrics")
    def log(self, metrics: Mapping[str, float], step: int | None = None, *, timestamp: int | None = None) -> None:
        """Logs metrics at one step (MLflow's default step is 0). Nested dicts become dotted keys."""
        from mlflow.entities import Metric

        if not self.active:
            return
        stamp = timestamp if timestamp is not None else now_ms()
        points, refused = [], []
        for key, value in values.flatten(metrics):
            number = values.metric_value(value)
            if number is None:
                refused.append(key)
            else:
                points.append(Metric(values.clean_key(key), number, stamp, int(step or 0)))
        self._log_batch(metrics=points)
        if refused:
            raise ValueError(f"metrics must be real numbers; not logged: {', '.join(refused)}")

    @never_raises("logging params")
    def log_params(self, params: Mapping[str, Any]) -> None:
        """Logs params; nested dicts and dataclasses become dotted keys. MLflow keeps a param's
        first value: logging another value for the same key is refused."""
        from mlflow.entities import Param

        if not self.active:
            return
        entries = {}
        for key, value in values.flatten(params):
            text = values.param_value(value)
            if text is not None:
                entries[values.clean_key(key)] = text
        self._log_batch(params=[Param(k, v) for k, v in entries.items()])

    @never_raises("setting tags")
    def set_tags(self, tags: Mapping[str, Any]) -> None:
        from mlflow.entities import RunTag

        if not self.active:
            return
        self._log_batch(tags=[RunTag(values.clean_key(k), values.tag_value(v)) for k, v in tags.items()])

    @never_raises("logging an artifact")
    def log_artifact(self, path_or_bytes: str | os.PathLike[str] | bytes, name: str | None = None) -> None:
        """Uploads a file or directory (under `name` when given), or bytes under `name`.
        `name` is a relative path in the run's artifacts, like `plots/roc.png`."""
        if not self.active:
            return
        if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
            if name is None:
                raise ValueError("log_artifact(bytes) needs a name")
            self._upload(check_artifact_path(name), lambda target: Path(target).write_bytes(bytes(path_or_bytes)))
            return
        source = Path(path_or_bytes)
        if source.is_dir():
            folder = check_artifact_path(name) if name is not None else None
            self._client.log_artifacts(self._run_id, str(source), artifact_path=folder)
        elif name is None:
            self._client.log_artifact(self._run_id, str(source))
        else:
            if not source.is_file():
                raise FileNotFoundError(f"no file at {source}")
            self._upload(check_artifact_path(name), lambda target: shutil.copyfile(source, target))

    def _upload(self, name: str, write: Any) -> None:
        folder, filename = posixpath.split(name)
        with tempfile.TemporaryDirectory(prefix="mltrack-") as tmp:
            target = os.path.join(tmp, filename)
            write(target)
            self._client.log_artifact(self._run_id, target, artifact_path=folder or None)

    @never_raises("logging a text artifact")
    def log_text(self, text: str, name: str) -> None:
        """Saves `text` as the artifact `name` (UTF-8)."""
        if self.active:
            self._client.log_text(self._run_id, text, check_artifact_path(name))

    @never_raises("logging a JSON artifact")
    def log_json(self, value: Any, name: str) -> None:
        """Saves `value` as JSON under `name`; dataclasses, numpy values and other non-JSON values
        take plain forms (their repr when there is none)."""
        if self.active:
            self._client.log_text(self._run_id, values.to_json(value), check_artifact_path(name))

    @never_raises("logging LLM usage")
    def log_llm(self, response: Any) -> LlmUsage | None:
        """Logs an OpenAI- or Anthropic-shaped response's token usage and cost as the `llm.*`
        metrics (one point per call, at the next step) and marks the run an LLM run."""
        usage = usage_of(response)
        if usage is not None and self.active:
            self._log_llm_usage(usage)
        return usage

    def _log_llm_usage(self, usage: LlmUsage) -> None:
        from mlflow.entities import Metric, RunTag

        stamp, step = now_ms(), self._llm_calls
        self._llm_calls += 1
        points = {
            LLM_METRICS["promptTokens"]: usage.prompt_tokens,
            LLM_METRICS["completionTokens"]: usage.completion_tokens,
            LLM_METRICS["totalTokens"]: usage.total_tokens,
        }
        cost = usage.cost_usd
        if cost is not None:
            points[LLM_METRICS["costUsd"]] = cost
        tags = {MLTRACK_TAGS["category"]: "llm", LLM_TAGS["provider"]: usage.provider}
        if usage.model:
            tags[LLM_TAGS["model"]] = usage.model
        self._log_batch(
            metrics=[Metric(key, float(value), stamp, step) for key, value in points.items()],
            tags=[RunTag(key, values.tag_value(value)) for key, value in tags.items()],
        )

    @never_raises("logging a model")
    def log_model(
        self,
        model: Any,
        *,
        training_data: Any = None,
        register_as: str | None = None,
        alias: str | None = None,
        name: str = "model",
    ) -> Any:
        """Logs a scikit-learn estimator with `mlflow.sklearn.log_model`: signature and input
        example from the first rows of `training_data` when given; `register_as` registers it as
        a new model version, and `alias` points that alias at the version. Returns the ModelInfo."""
        if not self.active:
            return None
        return log_sklearn_model(
            self._client,
            self._run_id,  # type: ignore[arg-type]
            model,
            training_data=training_data,
            register_as=register_as,
            alias=alias,
            name=name,
        )


NO_RUN = Run()

_current: contextvars.ContextVar[Run | None] = contextvars.ContextVar("mltrack_current_run", default=None)


def current_run() -> Run:
    """The run of the innermost tracked function running in this context (thread or asyncio
    task), or a run that logs nothing when there is none."""
    return _current.get() or NO_RUN
