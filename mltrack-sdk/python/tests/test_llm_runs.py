"""LLM runs against a real MLflow: token usage of returned and logged responses as the llm.*
metrics, cost from the (extensible) pricing table, and the run marked as an LLM run."""

import pytest
from helpers import history, read_json_artifact
from mltrack import LLM_METRICS, LLM_TAGS, MLTRACK_ARTIFACTS, MLTRACK_TAGS, current_run, set_price, track


def chat_completion(model, prompt_tokens, completion_tokens):
    """An OpenAI chat completion, as its JSON."""
    return {
        "id": "chatcmpl-123",
        "object": "chat.completion",
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Paris"}, "finish_reason": "stop"}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def test_a_returned_openai_response_makes_an_llm_run(client, experiment, tmp_path):
    ids = []

    @track(experiment=experiment)
    def ask(question):
        ids.append(current_run().run_id)
        return chat_completion("gpt-4o-2024-08-06", 1000, 200)

    response = ask("Capital of France?")
    assert response["choices"][0]["message"]["content"] == "Paris"
    run = client.get_run(ids[0])
    metrics, tags = run.data.metrics, run.data.tags
    assert metrics[LLM_METRICS["promptTokens"]] == 1000
    assert metrics[LLM_METRICS["completionTokens"]] == 200
    assert metrics[LLM_METRICS["totalTokens"]] == 1200
    assert metrics[LLM_METRICS["costUsd"]] == pytest.approx((1000 * 2.50 + 200 * 10.0) / 1e6)  # gpt-4o list price
    assert tags[MLTRACK_TAGS["category"]] == "llm"
    assert tags[LLM_TAGS["provider"]] == "openai" and tags[LLM_TAGS["model"]] == "gpt-4o-2024-08-06"
    assert "usage.prompt_tokens" not in metrics  # a response's numbers are usage, not result metrics
    assert read_json_artifact(client, ids[0], MLTRACK_ARTIFACTS["outputs"], tmp_path) == response


def test_each_logged_response_is_one_point_priced_from_the_extended_table(client, experiment):
    set_price("acme-chat", input=1.0, output=4.0)
    ids = []

    class Usage:
        def __init__(self, input_tokens, output_tokens):
            self.input_tokens, self.output_tokens = input_tokens, output_tokens

    class Message:  # an Anthropic message object
        type = "message"

        def __init__(self, model, usage):
            self.model, self.usage = model, usage

    @track(experiment=experiment)
    def agent():
        run = current_run()
        ids.append(run.run_id)
        first = run.log_llm(chat_completion("acme-chat-2026-01", 100, 10))
        second = run.log_llm(Message("claude-3-5-haiku-20241022", Usage(2000, 500)))
        return {"answers": 2, "first_cost": first.cost_usd, "second_tokens": second.total_tokens}

    result = agent()
    assert result["first_cost"] == pytest.approx((100 * 1.0 + 10 * 4.0) / 1e6)
    assert result["second_tokens"] == 2500
    run_id = ids[0]
    assert history(client, run_id, LLM_METRICS["totalTokens"]) == [(0, 110.0), (1, 2500.0)]
    assert history(client, run_id, LLM_METRICS["costUsd"]) == [
        (0, pytest.approx(140 / 1e6)),
        (1, pytest.approx((2000 * 0.80 + 500 * 4.0) / 1e6)),
    ]
    tags = client.get_run(run_id).data.tags
    assert tags[MLTRACK_TAGS["category"]] == "llm"
    assert tags[LLM_TAGS["provider"]] == "anthropic" and tags[LLM_TAGS["model"]] == "claude-3-5-haiku-20241022"


def test_a_model_without_a_price_has_tokens_but_no_cost(client, experiment):
    ids = []

    @track(experiment=experiment)
    def ask():
        ids.append(current_run().run_id)
        return chat_completion("house-model-7b", 30, 5)

    ask()
    metrics = client.get_run(ids[0]).data.metrics
    assert metrics[LLM_METRICS["totalTokens"]] == 35
    assert LLM_METRICS["costUsd"] not in metrics
