/**
 * Token usage of LLM responses: OpenAI-shaped (`usage.prompt_tokens`, `completion_tokens`,
 * `total_tokens`; the Responses API's `input_tokens`/`output_tokens` with `object: "response"`) and
 * Anthropic-shaped (`usage.input_tokens`, `output_tokens`, cache reads and writes), whole or streamed.
 */
import type { TokenCounts } from "./pricing";

export type LlmProvider = "openai" | "anthropic";

export interface LlmUsage extends TokenCounts {
  provider: LlmProvider;
  model: string | undefined;
  totalTokens: number;
}

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => value !== null && typeof value === "object";
const count = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
const text = (value: unknown): string | undefined => (typeof value === "string" && value ? value : undefined);

/** The usage a response reports, or undefined when it is not an LLM response with usage. */
export function llmUsageOf(response: unknown): LlmUsage | undefined {
  if (!isObj(response) || !isObj(response.usage)) return undefined;
  const usage = response.usage;
  const model = text(response.model);

  const prompt = count(usage.prompt_tokens);
  const completion = count(usage.completion_tokens);
  if (prompt !== undefined && completion !== undefined) {
    return openaiUsage(model, prompt, completion, usage.total_tokens, usage.prompt_tokens_details);
  }

  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  if (input === undefined || output === undefined) return undefined;
  if (response.object === "response") {
    // OpenAI's Responses API: input_tokens include the cached ones.
    return openaiUsage(model, input, output, usage.total_tokens, usage.input_tokens_details);
  }
  // Anthropic: input_tokens leave out the tokens read from or written to the prompt cache.
  const cacheRead = count(usage.cache_read_input_tokens) ?? 0;
  const cacheWrite = count(usage.cache_creation_input_tokens) ?? 0;
  const promptTokens = input + cacheRead + cacheWrite;
  return {
    provider: "anthropic",
    model,
    promptTokens,
    completionTokens: output,
    totalTokens: promptTokens + output,
    ...optional("cachedPromptTokens", cacheRead || undefined),
    ...optional("cacheWritePromptTokens", cacheWrite || undefined),
  };
}

function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}

/**
 * Usage from the chunks of a stream, as they are yielded: OpenAI chat chunks (the last one carries
 * `usage` when `stream_options.include_usage` is set), OpenAI Responses events
 * (`response.completed`), and Anthropic message events (`message_start` holds the prompt tokens,
 * each `message_delta` the output tokens so far).
 */
export class StreamUsage {
  private readonly found: LlmUsage[] = [];
  private pending: { message: Obj; output: number } | undefined;

  observe(chunk: unknown): void {
    if (!isObj(chunk)) return;
    if (chunk.type === "message_start" && isObj(chunk.message)) {
      this.settle();
      const usage = isObj(chunk.message.usage) ? chunk.message.usage : {};
      this.pending = { message: chunk.message, output: count(usage.output_tokens) ?? 0 };
      return;
    }
    if (chunk.type === "message_delta" && this.pending) {
      const output = isObj(chunk.usage) ? count(chunk.usage.output_tokens) : undefined;
      if (output !== undefined) this.pending.output = output;
      return;
    }
    if (chunk.type === "message_stop") {
      this.settle();
      return;
    }
    if (chunk.type === "response.completed" && isObj(chunk.response)) {
      const usage = llmUsageOf(chunk.response);
      if (usage) this.found.push(usage);
      return;
    }
    const usage = llmUsageOf(chunk);
    if (usage) this.found.push(usage);
  }

  /** Every complete usage seen so far, in order; a message without its stop event counts as ended. */
  take(): LlmUsage[] {
    this.settle();
    return this.found.splice(0);
  }

  private settle(): void {
    if (!this.pending) return;
    const { message, output } = this.pending;
    this.pending = undefined;
    const usage = llmUsageOf({
      ...message,
      usage: { ...(isObj(message.usage) ? message.usage : {}), output_tokens: output },
    });
    if (usage) this.found.push(usage);
  }
}

/** OpenAI's usage, from Chat Completions or the Responses API: the same fields under their two names. */
function openaiUsage(model: string | undefined, prompt: number, completion: number, total: unknown, details: unknown) {
  return {
    provider: "openai" as const,
    model,
    promptTokens: prompt,
    completionTokens: completion,
    totalTokens: count(total) ?? prompt + completion,
    ...optional("cachedPromptTokens", count(isObj(details) ? details.cached_tokens : undefined)),
  };
}
