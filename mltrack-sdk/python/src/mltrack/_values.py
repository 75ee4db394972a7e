"""Turning Python values into what MLflow accepts: keys, param and tag strings, metrics, JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import numbers
import re
from pathlib import PurePath
from typing import Any, Callable, Iterator, Mapping

# MLflow's limits (mlflow/utils/validation.py); the server refuses longer values, it never cuts them.
MAX_KEY_LENGTH = 250
MAX_PARAM_VALUE_LENGTH = 6000
MAX_TAG_VALUE_LENGTH = 8000

_KEY_BAD_CHARS = re.compile(r"[^/\w.\- ]")
_MAX_DEPTH = 8


def clean_key(key: object) -> str:
    """A metric, param or tag key MLflow accepts: `^[/\\w.\\- ]*$`, no `..` or empty segments."""
    text = _KEY_BAD_CHARS.sub("_", str(key))
    segments = [s for s in text.split("/") if s not in ("", ".", "..")]
    return ("/".join(segments) or "_")[:MAX_KEY_LENGTH]


def _fit(limit: int, marker_for: Callable[[int], str]) -> tuple[str, int]:
    """The most characters of a text that fit in `limit` beside the marker saying how many were kept
    (whose length depends on that number), and that marker."""
    kept = max(limit - max(len(marker_for(0)), len(marker_for(limit))), 0)
    while kept + 1 + len(marker_for(kept + 1)) <= limit:
        kept += 1
    return marker_for(kept), kept


def truncate(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, saying so at the end."""
    if len(text) <= limit:
        return text
    marker, kept = _fit(limit, lambda kept: f"... [cut: {len(text)} characters, the first {kept} kept]")
    return text[:kept] + marker


def truncate_head(text: str, limit: int, where: str) -> str:
    """`text` cut to its last characters (the end of a traceback matters most), saying so first."""
    if len(text) <= limit:
        return text
    size = len(text)
    marker, kept = _fit(
        limit, lambda kept: f"[cut: the first {size - kept} of {size} characters; all of it in {where}]\n"
    )
    return marker + text[size - kept :]


def as_mapping(value: Any) -> Mapping[str, Any] | None:
    """Dicts, dataclass instances and pydantic models as mappings; anything else None."""
    if isinstance(value, Mapping):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    dump = getattr(value, "model_dump", None)  # pydantic v2 (OpenAI and Anthropic responses)
    if callable(dump) and not isinstance(value, type):
        try:
            dumped = dump()
        except Exception:
            return None
        return dumped if isinstance(dumped, Mapping) else None
    return None


def flatten(value: Mapping[str, Any], prefix: str = "", depth: int = 0) -> Iterator[tuple[str, Any]]:
    """Leaves of nested mappings as (`dotted.key`, value)."""
    for key, item in value.items():
        name = f"{prefix}{key}"
        nested = as_mapping(item) if depth < _MAX_DEPTH else None
        if nested is not None and len(nested) > 0:
            yield from flatten(nested, f"{name}.", depth + 1)
        else:
            yield name, item


def metric_value(value: Any) -> float | None:
    """A real number (bools are not) as a float, else None."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        return None


_PLAIN = (str, int, float, bool, type(None))


def param_value(value: Any) -> str | None:
    """How a value is logged as a param, or None for values that aren't plain data (arrays, data
    frames, models): those are left out rather than logged as a long, useless repr."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, _PLAIN) or isinstance(value, numbers.Number):
        text = str(value)
    elif isinstance(value, PurePath):
        text = str(value)
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else list(value)
        if not all(isinstance(i, _PLAIN) or isinstance(i, numbers.Number) for i in items):
            return None
        text = json.dumps(items, default=str)
    else:
        return None
    return truncate(text, MAX_PARAM_VALUE_LENGTH)


def tag_value(value: Any) -> str:
    return truncate(str(value), MAX_TAG_VALUE_LENGTH)


def split_numeric(
    value: Mapping[str, Any], prefix: str = "", depth: int = 0
) -> tuple[dict[str, float], dict[str, Any]]:
    """Numeric leaves as `dotted.key` metrics, and everything else with its nesting kept."""
    metrics: dict[str, float] = {}
    rest: dict[str, Any] = {}
    for key, item in value.items():
        number = metric_value(item)
        nested = as_mapping(item) if depth < _MAX_DEPTH and number is None else None
        if number is not None:
            metrics[f"{prefix}{key}"] = number
        elif nested is not None and len(nested) > 0:
            inner_metrics, inner_rest = split_numeric(nested, f"{prefix}{key}.", depth + 1)
            metrics.update(inner_metrics)
            if inner_rest:
                rest[str(key)] = inner_rest
        else:
            rest[str(key)] = item
    return metrics, rest


def json_default(value: Any) -> Any:
    """For json.dumps: plain forms of common types, else the value's repr."""
    mapping = as_mapping(value)
    if mapping is not None:
        return dict(mapping)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (PurePath, enum.Enum)):
        return str(value)
    tolist = getattr(value, "tolist", None)  # numpy arrays and scalars
    if callable(tolist):
        try:
            return tolist()
        except Exception:
            pass
    return repr(value)


def to_json(value: Any) -> str:
    return json.dumps(value, indent=2, default=json_default, ensure_ascii=False)
