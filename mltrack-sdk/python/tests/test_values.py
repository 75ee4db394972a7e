"""Pure parts of the binding, no server: LLM usage and cost, params from signatures, values."""

import dataclasses
import inspect

import pytest
from mltrack import BUILT_IN_PRICING, ModelPrice, pricing, set_price, usage_of
from mltrack._values import clean_key, param_value, split_numeric, truncate, truncate_head
from mltrack.environment import redact_remote
from mltrack.llm import price_of
from mltrack.params import call_params


def test_openai_chat_completion_usage_and_cost():
    usage = usage_of(
        {
            "object": "chat.completion",
            "model": "gpt-4o-mini-2024-07-18",
            "usage": {
                "prompt_tokens": 1200,
                "completion_tokens": 300,
                "total_tokens": 1500,
                "prompt_tokens_details": {"cached_tokens": 200},
            },
        }
    )
    assert (usage.provider, usage.model) == ("openai", "gpt-4o-mini-2024-07-18")
    assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (1200, 300, 1500)
    # gpt-4o-mini: $0.15 input, $0.075 cached input, $0.60 output per million tokens
    assert usage.cost_usd == pytest.approx((1000 * 0.15 + 200 * 0.075 + 300 * 0.60) / 1e6)


def test_openai_responses_api_usage():
    usage = usage_of(
        {
            "object": "response",
            "model": "gpt-4.1",
            "usage": {"input_tokens": 10, "output_tokens": 5, "total_tokens": 15},
        }
    )
    assert (usage.provider, usage.prompt_tokens, usage.completion_tokens) == ("openai", 10, 5)
    assert usage.cost_usd == pytest.approx((10 * 2.0 + 5 * 8.0) / 1e6)


def test_anthropic_message_usage_counts_cache_reads_and_writes():
    class Usage:
        input_tokens = 100
        output_tokens = 50
        cache_read_input_tokens = 1000
        cache_creation_input_tokens = 400

    class Message:  # attribute access, as the anthropic package's objects have
        type = "message"
        model = "claude-sonnet-4-20250514"
        usage = Usage()

    usage = usage_of(Message())
    assert (usage.provider, usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (
        "anthropic",
        1500,
        50,
        1550,
    )
    assert usage.cost_usd == pytest.approx((100 * 3.0 + 1000 * 0.30 + 400 * 3.75 + 50 * 15.0) / 1e6)


def test_no_usage_for_values_that_are_not_responses():
    for value in (None, 3, "text", {"usage": "n/a"}, {"accuracy": 0.9}, [1, 2]):
        assert usage_of(value) is None


def test_pricing_is_extended_and_matched_by_longest_prefix():
    assert price_of("unknown-model") is None
    assert usage_of({"model": "unknown-model", "usage": {"prompt_tokens": 1, "completion_tokens": 1}}).cost_usd is None
    set_price("acme-chat", 1.0, 2.0)
    set_price("acme-chat-mini", 0.5, 1.0)
    assert price_of("acme-chat-2026-01-01") == ModelPrice(1.0, 2.0)
    assert price_of("acme-chat-mini-2026-01-01") == ModelPrice(0.5, 1.0)
    assert price_of("acme-chatty") is None  # a prefix only counts up to a "-"
    assert "acme-chat" in pricing()


@pytest.fixture
def registered_prices():
    """Forgets the prices the test sets (they are process-wide)."""
    import mltrack.llm

    before = dict(mltrack.llm._registered)
    yield
    with mltrack.llm._pricing_lock:
        mltrack.llm._registered.clear()
        mltrack.llm._registered.update(before)


def test_set_prices_come_before_the_built_in_ones(registered_prices):
    assert price_of("gpt-4o-2024-08-06") == BUILT_IN_PRICING["gpt-4o"] == ModelPrice(2.5, 10.0, cached_input=1.25)
    set_price("gpt-4o", 1.0, 2.0)
    assert price_of("gpt-4o-2024-08-06") == ModelPrice(1.0, 2.0)
    assert pricing()["gpt-4o"] == ModelPrice(1.0, 2.0)
    assert BUILT_IN_PRICING["gpt-4o"] == ModelPrice(2.5, 10.0, cached_input=1.25)
    # A set price that is a shorter prefix still wins over a longer built-in one: yours come first.
    set_price("claude", 0.0, 0.0)
    assert price_of("claude-sonnet-4-20250514") == ModelPrice(0.0, 0.0)


def test_unpriced_variants_get_no_cost_rather_than_their_base_models(registered_prices):
    assert price_of("o1-2024-12-17") == BUILT_IN_PRICING["o1"]
    assert price_of("o1-pro-2025-03-19") is None
    assert price_of("gpt-4o-mini-realtime-preview") is None
    assert usage_of({"model": "o1-pro", "usage": {"prompt_tokens": 1, "completion_tokens": 1}}).cost_usd is None
    set_price("o1-pro", 150.0, 600.0)
    assert price_of("o1-pro-2025-03-19") == ModelPrice(150.0, 600.0)


def test_model_names_match_case_insensitively():
    assert price_of("GPT-4.1") == BUILT_IN_PRICING["gpt-4.1"]
    assert price_of("Claude-Opus-4-5-20251101") == BUILT_IN_PRICING["claude-opus-4-5"]


def test_params_from_positional_keyword_and_default_arguments():
    def train(data, lr, epochs=10, *, seed=0, **extra):
        pass

    params = call_params(inspect.signature(train), ("data.csv", 0.1), {"seed": 7, "warmup": 3})
    assert params == {"data": "data.csv", "lr": 0.1, "epochs": 10, "seed": 7, "warmup": 3}
    only = call_params(inspect.signature(train), ("data.csv", 0.1), {}, names=["lr", "epochs"])
    assert only == {"lr": 0.1, "epochs": 10}


def test_a_single_dict_or_dataclass_argument_gives_its_fields():
    @dataclasses.dataclass
    class Config:
        lr: float
        layers: int

    def fit(config):
        pass

    assert call_params(inspect.signature(fit), ({"lr": 0.1, "model": {"depth": 3}},), {}) == {
        "lr": 0.1,
        "model": {"depth": 3},
    }
    assert call_params(inspect.signature(fit), (Config(0.2, 4),), {}) == {"lr": 0.2, "layers": 4}


def test_self_is_not_a_param():
    class Trainer:
        def fit(self, lr):
            pass

    assert call_params(inspect.signature(Trainer.fit), (Trainer(), 0.5), {}) == {"lr": 0.5}


def test_values_mlflow_accepts():
    assert clean_key("../loss//val?") == "loss/val_"
    assert param_value([1, 2.5, "a"]) == '[1, 2.5, "a"]'
    assert param_value(object()) is None
    assert split_numeric({"acc": 0.9, "ok": True, "detail": {"f1": 0.8, "label": "x"}}) == (
        {"acc": 0.9, "detail.f1": 0.8},
        {"ok": True, "detail": {"label": "x"}},
    )


@pytest.mark.parametrize("size", [8001, 9000, 9999, 10_000, 10_014, 1_000_000])
def test_truncation_is_visible_and_exactly_at_the_limit(size):
    cut = truncate("x" * size, 8000)
    assert len(cut) == 8000 and cut.endswith(f"... [cut: {size} characters, the first {cut.count('x')} kept]")
    tail = truncate_head("a" * (size - 7) + "THE END", 8000, "the artifact e.txt")
    marker, _, kept = tail.partition("\n")
    assert len(tail) == 8000 and kept.endswith("THE END")
    assert marker == f"[cut: the first {size - len(kept)} of {size} characters; all of it in the artifact e.txt]"


def test_short_values_are_not_cut():
    assert truncate("short", 8000) == "short" and truncate_head("short", 8000, "x") == "short"


def test_remote_urls_lose_their_credentials():
    assert redact_remote("https://user:ghp_secret@github.com/org/repo.git") == "https://github.com/org/repo.git"
    assert redact_remote("git@github.com:org/repo.git") == "git@github.com:org/repo.git"
