"""A tracked call's arguments as params, by the names in the function's signature."""

from __future__ import annotations

import inspect
from typing import Any, Callable, Mapping, Sequence

from ._values import as_mapping

_SELF_NAMES = ("self", "cls")


def call_params(
    signature: inspect.Signature,
    args: tuple[Any, ...],
    kwargs: Mapping[str, Any],
    names: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Bound arguments with their defaults, by name (`self`/`cls` left out, `**kwargs` spread).
    With `names`, only those. A single dict or dataclass argument gives its own fields, so
    `train({"lr": 0.1, "model": {"depth": 3}})` logs `lr` and `model.depth` (flattened later)."""
    bound = signature.bind(*args, **kwargs)
    bound.apply_defaults()
    first = next(iter(signature.parameters.values()), None)
    skipped = first.name if first is not None and first.name in _SELF_NAMES and _positional(first) else None
    arguments: dict[str, Any] = {}
    for name, value in bound.arguments.items():
        kind = signature.parameters[name].kind
        if name == skipped:
            continue
        if kind is inspect.Parameter.VAR_KEYWORD:
            arguments.update(value)
        elif kind is inspect.Parameter.VAR_POSITIONAL:
            if value:
                arguments[name] = list(value)
        else:
            arguments[name] = value
    if names is not None:
        arguments = {name: arguments[name] for name in names if name in arguments}
    if len(arguments) == 1:
        mapping = as_mapping(next(iter(arguments.values())))
        if mapping is not None:
            return dict(mapping)
    return arguments


def _positional(parameter: inspect.Parameter) -> bool:
    return parameter.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


def signature_of(fn: Callable[..., Any]) -> inspect.Signature | None:
    try:
        return inspect.signature(fn)
    except (TypeError, ValueError):  # some builtins have none
        return None
