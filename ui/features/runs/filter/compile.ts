import { RunFilterSyntaxError, type RunFilterError } from "./lexer";
import { parseRunFilter, type FilterExpression, type FilterValue, type Span } from "./parser";

export { RunFilterSyntaxError, type RunFilterError };

export const DEFAULT_MAX_CLAUSES = 32;
/** Above this many AND-clauses the expansion is not even attempted; `maxClauses` is clamped to it too. */
export const MAX_EXPANSION = 4096;

export interface CompileRunFilterOptions {
  /** How many MLflow searches one filter may turn into (default 32). */
  maxClauses?: number;
}

export type CompileRunFilterResult = { ok: true; clauses: string[] } | { ok: false; error: RunFilterSyntaxError };

/** A filter with every comparison already in MLflow's syntax. */
type Serialized = { kind: "comparison"; text: string } | { kind: "and" | "or"; operands: Serialized[] };
/** Comparisons joined by AND, without repeats, in the order they were written. */
type Clause = string[];

/**
 * Compiles the runs search box's text (MLflow's run filter grammar plus OR and parentheses) into filters MLflow's
 * `runs/search` accepts: an OR of AND-clauses, one search per clause, to be merged by run id. `[""]` means one search
 * without a filter. Never throws: every problem comes back as a `RunFilterSyntaxError` with its place in `text`.
 */
export function compileRunFilter(text: string, options: CompileRunFilterOptions = {}): CompileRunFilterResult {
  try {
    const expression = parseRunFilter(text);
    if (!expression) return { ok: true, clauses: [""] };
    const serialized = serialize(expression);
    const maxClauses = clampMaxClauses(options.maxClauses);
    const whole = { start: text.length - text.trimStart().length, end: text.trimEnd().length };
    if (countClauses(serialized) > MAX_EXPANSION) {
      fail(`This filter expands to more than ${MAX_EXPANSION} MLflow searches; the limit is ${maxClauses}`, whole);
    }
    const clauses = toClauses(serialized).map((clause) => clause.join(" AND "));
    if (clauses.length > maxClauses) {
      fail(`This filter expands to ${clauses.length} MLflow searches; the limit is ${maxClauses}`, whole);
    }
    return { ok: true, clauses };
  } catch (error) {
    if (error instanceof RunFilterSyntaxError) return { ok: false, error };
    // Unreachable for string input; keeps the promise that nothing but RunFilterSyntaxError escapes.
    const length = typeof text === "string" ? text.length : 0;
    return { ok: false, error: new RunFilterSyntaxError("This filter could not be read", 0, length) };
  }
}

function serialize(expression: FilterExpression): Serialized {
  if (expression.kind !== "comparison") return { kind: expression.kind, operands: expression.operands.map(serialize) };
  const { entityType, key, keySpan, comparator, value } = expression;
  return { kind: "comparison", text: `${entityType}.${quoteKey(key, keySpan)} ${comparator} ${formatValue(value)}` };
}

function quoteKey(key: string, span: Span): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return key;
  if (key.includes("`")) fail("A key cannot contain a backtick: MLflow has no way to quote it", span);
  return `\`${key}\``;
}

function formatValue(value: FilterValue): string {
  if (value.kind === "number") return value.text;
  if (value.kind === "string") {
    // sqlparse reads \" and \' as escaped quotes, so a trailing backslash would swallow the closing quote.
    if (value.value.endsWith("\\"))
      fail("A value cannot end with a backslash: MLflow would read it as an escape", value.span);
    return quoteString(value.value, value.span);
  }
  const items = value.items.map((item) => {
    // MLflow reads IN lists with Python's ast.literal_eval, where these change or break the string.
    if (/[\\\r\n]/.test(item.value)) {
      fail("List values cannot contain backslashes or line breaks: MLflow reads lists as Python literals", item.span);
    }
    return quoteString(item.value, item.span);
  });
  return `(${items.join(", ")})`;
}

/** MLflow cannot escape a quote inside a string, so pick the quote the value does not contain. */
function quoteString(value: string, span: Span): string {
  if (!value.includes('"')) return `"${value}"`;
  if (!value.includes("'")) return `'${value}'`;
  fail(`A value cannot contain both ' and ": MLflow has no way to escape a quote`, span);
}

/** An upper bound on the number of clauses, saturating just above MAX_EXPANSION. */
function countClauses(expression: Serialized): number {
  if (expression.kind === "comparison") return 1;
  const counts = expression.operands.map(countClauses);
  const total =
    expression.kind === "or" ? counts.reduce((sum, n) => sum + n, 0) : counts.reduce((product, n) => product * n, 1);
  return Math.min(total, MAX_EXPANSION + 1);
}

/** Disjunctive normal form: AND distributes over OR. */
function toClauses(expression: Serialized): Clause[] {
  if (expression.kind === "comparison") return [[expression.text]];
  const operands = expression.operands.map(toClauses);
  if (expression.kind === "or") return unique(operands.flat());
  return operands.reduce<Clause[]>(
    (product, clauses) => {
      const merged = product.flatMap((left) => clauses.map((right) => merge(left, right)));
      return merged.length > 1 ? unique(merged) : merged;
    },
    [[]],
  );
}

function merge(left: Clause, right: Clause): Clause {
  const seen = new Set(left);
  return [...left, ...right.filter((comparison) => !seen.has(comparison))];
}

/** Drops clauses holding the same comparisons as an earlier one, in whatever order. */
function unique(clauses: Clause[]): Clause[] {
  const seen = new Set<string>();
  return clauses.filter((clause) => {
    const key = JSON.stringify([...clause].sort());
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function clampMaxClauses(maxClauses: number | undefined): number {
  if (maxClauses === undefined || Number.isNaN(maxClauses)) return DEFAULT_MAX_CLAUSES;
  return Math.min(Math.max(Math.floor(maxClauses), 1), MAX_EXPANSION);
}

function fail(message: string, span: Span): never {
  throw new RunFilterSyntaxError(message, span.start, span.end - span.start);
}
