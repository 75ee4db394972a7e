import { describe, expect, it } from "vitest";
import { llmUsageOf, StreamUsage } from "./llm";

const openAiChat = {
  id: "chatcmpl-1",
  object: "chat.completion",
  model: "gpt-4o-mini-2024-07-18",
  choices: [{ index: 0, message: { role: "assistant", content: "hi" } }],
  usage: {
    prompt_tokens: 1200,
    completion_tokens: 300,
    total_tokens: 1500,
    prompt_tokens_details: { cached_tokens: 200 },
  },
};

const anthropicMessage = {
  id: "msg_1",
  type: "message",
  role: "assistant",
  model: "claude-sonnet-4-20250514",
  content: [{ type: "text", text: "hi" }],
  usage: { input_tokens: 100, output_tokens: 50, cache_read_input_tokens: 1000, cache_creation_input_tokens: 10 },
};

describe("LLM usage of a response", () => {
  it("reads OpenAI chat completions", () => {
    expect(llmUsageOf(openAiChat)).toEqual({
      provider: "openai",
      model: "gpt-4o-mini-2024-07-18",
      promptTokens: 1200,
      completionTokens: 300,
      totalTokens: 1500,
      cachedPromptTokens: 200,
    });
  });

  it("reads OpenAI Responses API answers", () => {
    const response = {
      object: "response",
      model: "gpt-4.1",
      usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15, input_tokens_details: { cached_tokens: 4 } },
    };
    expect(llmUsageOf(response)).toEqual({
      provider: "openai",
      model: "gpt-4.1",
      promptTokens: 10,
      completionTokens: 5,
      totalTokens: 15,
      cachedPromptTokens: 4,
    });
  });

  it("reads Anthropic messages, counting cache reads and writes as prompt tokens", () => {
    expect(llmUsageOf(anthropicMessage)).toEqual({
      provider: "anthropic",
      model: "claude-sonnet-4-20250514",
      promptTokens: 1110,
      completionTokens: 50,
      totalTokens: 1160,
      cachedPromptTokens: 1000,
      cacheWritePromptTokens: 10,
    });
  });

  it("ignores anything else", () => {
    for (const value of [
      null,
      3,
      "x",
      {},
      { usage: null },
      { usage: { prompt_tokens: "1" } },
      { usage: { input_tokens: -1, output_tokens: 1 } },
    ])
      expect(llmUsageOf(value)).toBeUndefined();
  });
});

describe("LLM usage of a stream", () => {
  it("takes the usage chunk of an OpenAI stream", () => {
    const stream = new StreamUsage();
    stream.observe({
      object: "chat.completion.chunk",
      model: "gpt-4o",
      choices: [{ delta: { content: "a" } }],
      usage: null,
    });
    expect(stream.take()).toEqual([]);
    stream.observe({
      object: "chat.completion.chunk",
      model: "gpt-4o",
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
    });
    expect(stream.take()).toEqual([
      { provider: "openai", model: "gpt-4o", promptTokens: 5, completionTokens: 7, totalTokens: 12 },
    ]);
  });

  it("joins Anthropic's message_start and message_delta events into one call", () => {
    const stream = new StreamUsage();
    stream.observe({
      type: "message_start",
      message: { type: "message", model: "claude-3-5-haiku-20241022", usage: { input_tokens: 20, output_tokens: 1 } },
    });
    stream.observe({ type: "content_block_delta", delta: { text: "hi" } });
    stream.observe({ type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 42 } });
    stream.observe({ type: "message_stop" });
    expect(stream.take()).toEqual([
      {
        provider: "anthropic",
        model: "claude-3-5-haiku-20241022",
        promptTokens: 20,
        completionTokens: 42,
        totalTokens: 62,
      },
    ]);
  });

  it("takes OpenAI Responses' completed event, and counts a message whose stream ended without a stop", () => {
    const stream = new StreamUsage();
    stream.observe({
      type: "response.completed",
      response: { object: "response", model: "o3", usage: { input_tokens: 1, output_tokens: 2 } },
    });
    stream.observe({
      type: "message_start",
      message: { model: "claude-opus-4-1", usage: { input_tokens: 3, output_tokens: 4 } },
    });
    expect(stream.take().map((u) => [u.model, u.totalTokens])).toEqual([
      ["o3", 3],
      ["claude-opus-4-1", 7],
    ]);
  });
});
