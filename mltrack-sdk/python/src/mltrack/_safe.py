"""Tracking never breaks the host program: a failure to log becomes one warning, then debug logs."""

from __future__ import annotations

import functools
import logging
import threading
import warnings
from typing import Any, Callable, TypeVar

logger = logging.getLogger("mltrack")

T = TypeVar("T")


class MltrackWarning(RuntimeWarning):
    """Tracking failed (MLflow unreachable, a value MLflow refused); the tracked code went on."""


_lock = threading.Lock()
_warned = False


def report(what: str, err: BaseException) -> None:
    """The first failure in the process is a warning; later ones are logged at DEBUG."""
    global _warned
    with _lock:
        first, _warned = not _warned, True
    logger.debug("mltrack: %s failed", what, exc_info=err)
    if not first:
        return
    try:
        warnings.warn(
            f"mltrack: {what} failed ({type(err).__name__}: {err}). The tracked code goes on; "
            "further tracking failures are logged at DEBUG on the 'mltrack' logger.",
            MltrackWarning,
            stacklevel=2,
        )
    except Exception:  # a filter turning warnings into errors must not reach user code
        logger.warning("mltrack: %s failed: %s", what, err)


def attempt(what: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """`fn(*args, **kwargs)`, or None after reporting the failure."""
    try:
        return fn(*args, **kwargs)
    except Exception as err:
        report(what, err)
        return None


def never_raises(what: str) -> Callable[[Callable[..., T]], Callable[..., T | None]]:
    """Decorates a logging method: failures are reported and it returns None."""

    def decorate(fn: Callable[..., T]) -> Callable[..., T | None]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> T | None:
            return attempt(what, fn, *args, **kwargs)

        return wrapper

    return decorate
