/** The pipeline's voice: one warning per kind of problem, a few at most in all, then quiet. */
export interface PipelineLogger {
  warn(message: string): void;
}

export class Warnings {
  private readonly said = new Set<string>();
  private count = 0;

  constructor(
    private readonly logger: PipelineLogger,
    private readonly limit = 8,
  ) {}

  /** Warns about `kind` the first time only; never throws. */
  once(kind: string, message: () => string): void {
    if (this.said.has(kind) || this.count >= this.limit) return;
    this.said.add(kind);
    this.count++;
    try {
      this.logger.warn(`[mltrack] ${message()}${this.count === this.limit ? " (further warnings suppressed)" : ""}`);
    } catch {
      // A logger that throws must not reach the caller either.
    }
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { errorCode?: unknown }).errorCode;
    return typeof code === "string" ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
