"""Token usage of OpenAI- and Anthropic-shaped responses, and its cost from a pricing table."""

from __future__ import annotations

import dataclasses
import threading
from types import MappingProxyType
from typing import Any, Mapping

from .spec import load_spec_file


@dataclasses.dataclass(frozen=True)
class ModelPrice:
    """US dollars per million tokens. Cached input (OpenAI cached tokens, Anthropic cache reads)
    and Anthropic cache writes cost the input price unless given."""

    input: float
    output: float
    cached_input: float | None = None
    cache_write: float | None = None


def _built_in_price(fields: Mapping[str, float]) -> ModelPrice:
    return ModelPrice(
        input=float(fields["input"]),
        output=float(fields["output"]),
        cached_input=float(fields["cachedInput"]) if "cachedInput" in fields else None,
        cache_write=float(fields["cacheWrite"]) if "cacheWrite" in fields else None,
    )


_PRICING_SPEC = load_spec_file("pricing.json")

PRICES_AS_OF: str = _PRICING_SPEC["asOf"]
"""The date the built-in prices were last known current (YYYY-MM-DD)."""

BUILT_IN_PRICING: Mapping[str, ModelPrice] = MappingProxyType(
    {model: _built_in_price(fields) for model, fields in _PRICING_SPEC["models"].items()}
)
"""List prices per million tokens from the one pricing spec (`mltrack-sdk/src/spec/pricing.json`,
which the TypeScript SDK reads too): a snapshot as of PRICES_AS_OF, not checked against the
providers since. Prices change: set_price() adds or overrides one, and yours always come first."""

# Names that would match a built-in entry by prefix but are billed differently (o1-pro is not o1):
# no built-in cost rather than a wrong one.
_UNPRICED_VARIANTS: Mapping[str, None] = MappingProxyType(dict.fromkeys(_PRICING_SPEC["unpricedVariants"]))

_registered: dict[str, ModelPrice] = {}
_pricing_lock = threading.Lock()


def set_price(
    model: str,
    input: float,
    output: float,
    *,
    cached_input: float | None = None,
    cache_write: float | None = None,
) -> None:
    """Adds or replaces a model's price, in US dollars per million tokens; it comes before the
    built-in table."""
    price = ModelPrice(float(input), float(output), cached_input, cache_write)
    with _pricing_lock:
        _registered[model] = price


def pricing() -> dict[str, ModelPrice]:
    """A copy of the pricing table: the built-in prices with the ones set with set_price() over them."""
    with _pricing_lock:
        return {**BUILT_IN_PRICING, **_registered}


def price_of(model: str | None) -> ModelPrice | None:
    """The price of `model`: an exact entry, else the longest entry it starts with followed by "-"
    ("gpt-4o-2024-08-06" costs what "gpt-4o" costs), case-insensitively; prices set with set_price()
    are searched first, then the built-in ones."""
    if not model:
        return None
    with _pricing_lock:
        registered = dict(_registered)
    for table in (registered, {**BUILT_IN_PRICING, **_UNPRICED_VARIANTS}):
        found = _longest_match(table, model.lower())
        if found is not None:
            return table[found]  # None for an unpriced variant
    return None


def _longest_match(table: Mapping[str, ModelPrice | None], name: str) -> str | None:
    best: str | None = None
    for key in table:
        lowered = key.lower()
        if lowered == name:
            return key
        if name.startswith(lowered + "-") and (best is None or len(key) > len(best)):
            best = key
    return best


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
