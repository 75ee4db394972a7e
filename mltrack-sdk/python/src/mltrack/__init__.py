"""mltrack: `@track` logs each call of a function as an MLflow run, the way MLTrack shows them.

    from mltrack import track, current_run

    @track(experiment="churn")
    def train(lr: float = 0.1, epochs: int = 10):
        for epoch in range(epochs):
            current_run().log({"loss": 1 / (epoch + 1)}, step=epoch)
        return {"accuracy": 0.93}
"""

from importlib.metadata import PackageNotFoundError, version

from ._safe import MltrackWarning
from .llm import BUILT_IN_PRICING, PRICES_AS_OF, LlmUsage, ModelPrice, pricing, set_price, usage_of
from .run import Run, current_run
from .spec import (
    LLM_METRICS,
    LLM_TAGS,
    MLFLOW_TAGS,
    MLTRACK_ARTIFACTS,
    MLTRACK_METRICS,
    MLTRACK_TAGS,
    SYSTEM_METRIC_PREFIX,
)
from .track import track

try:
    __version__ = version("mltrack")
except PackageNotFoundError:  # imported from a directory that holds no dist-info
    __version__ = "0+unknown"

__all__ = [
    "BUILT_IN_PRICING",
    "LLM_METRICS",
    "LLM_TAGS",
    "MLFLOW_TAGS",
    "MLTRACK_ARTIFACTS",
    "MLTRACK_METRICS",
    "MLTRACK_TAGS",
    "PRICES_AS_OF",
    "SYSTEM_METRIC_PREFIX",
    "LlmUsage",
    "MltrackWarning",
    "ModelPrice",
    "Run",
    "current_run",
    "pricing",
    "set_price",
    "track",
    "usage_of",
]
