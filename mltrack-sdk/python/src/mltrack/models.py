"""Logging a scikit-learn estimator with mlflow.sklearn, and registering it."""

from __future__ import annotations

from typing import Any, Mapping

INPUT_EXAMPLE_ROWS = 5


def is_sklearn_estimator(value: Any) -> bool:
    try:
        from sklearn.base import BaseEstimator
    except ImportError:
        return False
    return isinstance(value, BaseEstimator) and not isinstance(value, type)


def find_estimator(result: Any) -> Any | None:
    """The returned estimator, or the first estimator among a returned dict's values or tuple's items."""
    if is_sklearn_estimator(result):
        return result
    items = result.values() if isinstance(result, Mapping) else result if isinstance(result, tuple) else ()
    return next((item for item in items if is_sklearn_estimator(item)), None)


def sample_rows(data: Any, rows: int = INPUT_EXAMPLE_ROWS) -> Any:
    """The first rows of a data frame, array or list (the input example MLflow stores)."""
    head = getattr(data, "head", None)
    if callable(head):  # pandas
        return head(rows)
    if isinstance(data, (list, tuple)) or hasattr(data, "shape"):
        return data[:rows]
    return data


def log_sklearn_model(
    client: Any,
    run_id: str,
    model: Any,
    *,
    training_data: Any = None,
    register_as: str | None = None,
    alias: str | None = None,
    name: str = "model",
) -> Any:
    """Logs `model` to the run with `mlflow.sklearn.log_model` (with an input example and signature
    from the first rows of `training_data`, when given), registers it as a new version of
    `register_as` and points `alias` at that version. Returns MLflow's ModelInfo."""
    import mlflow.sklearn
    from mlflow.models import infer_signature

    example = signature = None
    if training_data is not None:
        example = sample_rows(training_data)
        predict = getattr(model, "predict", None)
        signature = infer_signature(example, predict(example) if callable(predict) else None)
    info = mlflow.sklearn.log_model(
        model,
        name=name,
        run_id=run_id,
        signature=signature,
        input_example=example,
        registered_model_name=register_as,
    )
    if register_as and alias and info.registered_model_version is not None:
        client.set_registered_model_alias(register_as, alias, str(info.registered_model_version))
    return info
