"""Token usage of OpenAI- and Anthropic-shaped responses, and its cost from a pricing table."""

from __future__ import annotations

import dataclasses
import threading
from typing import Any, Mapping


@dataclasses.dataclass(frozen=True)
class ModelPrice:
    """US dollars per million tokens. Cached input (OpenAI cached tokens, Anthropic cache reads)
    and Anthropic cache writes cost the input price unless given."""

    input: float
    output: float
    cached_input: float | None = None
    cache_write: float | None = None


# List prices per million tokens, as the providers published them in 2025. Prices change: extend or
# override with set_price() (a model name matches its own entry, else the longest entry it starts
# with followed by "-", so "gpt-4o-2024-08-06" costs what "gpt-4o" costs).
_PRICING: dict[str, ModelPrice] = {
    "gpt-5": ModelPrice(1.25, 10.0, cached_input=0.125),
    "gpt-5-mini": ModelPrice(0.25, 2.0, cached_input=0.025),
    "gpt-5-nano": ModelPrice(0.05, 0.40, cached_input=0.005),
    "gpt-4.1": ModelPrice(2.0, 8.0, cached_input=0.50),
    "gpt-4.1-mini": ModelPrice(0.40, 1.60, cached_input=0.10),
    "gpt-4.1-nano": ModelPrice(0.10, 0.40, cached_input=0.025),
    "gpt-4o": ModelPrice(2.50, 10.0, cached_input=1.25),
    "gpt-4o-mini": ModelPrice(0.15, 0.60, cached_input=0.075),
    "gpt-4-turbo": ModelPrice(10.0, 30.0),
    "gpt-3.5-turbo": ModelPrice(0.50, 1.50),
    "o1": ModelPrice(15.0, 60.0, cached_input=7.50),
    "o3": ModelPrice(2.0, 8.0, cached_input=0.50),
    "o3-mini": ModelPrice(1.10, 4.40, cached_input=0.55),
    "o4-mini": ModelPrice(1.10, 4.40, cached_input=0.275),
    "claude-opus-4-5": ModelPrice(5.0, 25.0, cached_input=0.50, cache_write=6.25),
    "claude-opus-4-1": ModelPrice(15.0, 75.0, cached_input=1.50, cache_write=18.75),
    "claude-opus-4": ModelPrice(15.0, 75.0, cached_input=1.50, cache_write=18.75),
    "claude-sonnet-4-5": ModelPrice(3.0, 15.0, cached_input=0.30, cache_write=3.75),
    "claude-sonnet-4": ModelPrice(3.0, 15.0, cached_input=0.30, cache_write=3.75),
    "claude-haiku-4-5": ModelPrice(1.0, 5.0, cached_input=0.10, cache_write=1.25),
    "claude-3-7-sonnet": ModelPrice(3.0, 15.0, cached_input=0.30, cache_write=3.75),
    "claude-3-5-sonnet": ModelPrice(3.0, 15.0, cached_input=0.30, cache_write=3.75),
    "claude-3-5-haiku": ModelPrice(0.80, 4.0, cached_input=0.08, cache_write=1.0),
    "claude-3-opus": ModelPrice(15.0, 75.0, cached_input=1.50, cache_write=18.75),
    "claude-3-haiku": ModelPrice(0.25, 1.25, cached_input=0.03, cache_write=0.30),
}
_pricing_lock = threading.Lock()


def set_price(
    model: str,
    input: float,
    output: float,
    *,
    cached_input: float | None = None,
    cache_write: float | None = None,
) -> None:
    """Adds or replaces a model's price, in US dollars per million tokens."""
    price = ModelPrice(float(input), float(output), cached_input, cache_write)
    with _pricing_lock:
        _PRICING[model] = price


def pricing() -> dict[str, ModelPrice]:
    """A copy of the pricing table."""
    with _pricing_lock:
        return dict(_PRICING)


def price_of(model: str | None) -> ModelPrice | None:
    if not model:
        return None
    with _pricing_lock:
        if model in _PRICING:
            return _PRICING[model]
        prefixes = [name for name in _PRICING if model.startswith(name + "-")]
        return _PRICING[max(prefixes, key=len)] if prefixes else None


@dataclasses.dataclass(frozen=True)
class LlmUsage:
    """One response's token usage. `prompt_tokens` counts every input token, cached ones too."""

    provider: str
    model: str | None
    prompt_tokens: int
    completion_tokens: int
    cached_prompt_tokens: int = 0
    cache_write_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    @property
    def cost_usd(self) -> float | None:
        """None when the model has no price in the table."""
        price = price_of(self.model)
        if price is None:
            return None
        cached = self.cached_prompt_tokens
        written = self.cache_write_tokens
        fresh = max(self.prompt_tokens - cached - written, 0)
        dollars = (
            fresh * price.input
            + cached * (price.cached_input if price.cached_input is not None else price.input)
            + written * (price.cache_write if price.cache_write is not None else price.input)
            + self.completion_tokens * price.output
        )
        return dollars / 1_000_000


def _get(obj: Any, key: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, key, None)


def _count(obj: Any, key: str) -> int:
    value = _get(obj, key)
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def _has(obj: Any, key: str) -> bool:
    value = _get(obj, key)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def usage_of(response: Any) -> LlmUsage | None:
    """The usage of an OpenAI chat completion or Responses API response, or of an Anthropic message
    (objects or their JSON as dicts), else None."""
    if response is None or isinstance(response, (str, bytes, int, float)):
        return None
    usage = _get(response, "usage")
    if usage is None:
        return None
    model = _get(response, "model")
    model = model if isinstance(model, str) else None
    if _has(usage, "prompt_tokens") and _has(usage, "completion_tokens"):  # OpenAI chat completions
        return LlmUsage(
            provider="openai",
            model=model,
            prompt_tokens=_count(usage, "prompt_tokens"),
            completion_tokens=_count(usage, "completion_tokens"),
            cached_prompt_tokens=_count(_get(usage, "prompt_tokens_details") or {}, "cached_tokens"),
        )
    if not (_has(usage, "input_tokens") and _has(usage, "output_tokens")):
        return None
    if _get(response, "object") == "response" or _has(usage, "total_tokens"):  # OpenAI Responses API
        return LlmUsage(
            provider="openai",
            model=model,
            prompt_tokens=_count(usage, "input_tokens"),
            completion_tokens=_count(usage, "output_tokens"),
            cached_prompt_tokens=_count(_get(usage, "input_tokens_details") or {}, "cached_tokens"),
        )
    # Anthropic: input_tokens leaves out the tokens read from or written to the prompt cache.
    read = _count(usage, "cache_read_input_tokens")
    written = _count(usage, "cache_creation_input_tokens")
    return LlmUsage(
        provider="anthropic",
        model=model,
        prompt_tokens=_count(usage, "input_tokens") + read + written,
        completion_tokens=_count(usage, "output_tokens"),
        cached_prompt_tokens=read,
        cache_write_tokens=written,
    )
