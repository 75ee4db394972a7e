import { RunFilterSyntaxError, tokenize, type Token } from "./lexer";

export type EntityType = "metrics" | "params" | "tags" | "attributes" | "datasets";
export type Comparator = "=" | "!=" | ">" | ">=" | "<" | "<=" | "LIKE" | "ILIKE" | "IN" | "NOT IN";

export interface Span {
  start: number;
  end: number;
}

export type FilterValue =
  | { kind: "string"; value: string; span: Span }
  | { kind: "number"; text: string; span: Span }
  | { kind: "list"; items: { value: string; span: Span }[]; span: Span };

export interface FilterComparison {
  kind: "comparison";
  entityType: EntityType;
  /** The key as MLflow stores it: unquoted, and for attributes with MLflow's aliases resolved. */
  key: string;
  keySpan: Span;
  comparator: Comparator;
  value: FilterValue;
  span: Span;
}

export type FilterExpression = FilterComparison | { kind: "and" | "or"; operands: FilterExpression[] };

// The spellings mlflow/utils/search_utils.py accepts, matched case-insensitively here.
const ENTITY_TYPES = new Map<string, EntityType>([
  ["metric", "metrics"],
  ["metrics", "metrics"],
  ["param", "params"],
  ["params", "params"],
  ["parameter", "params"],
  ["parameters", "params"],
  ["tag", "tags"],
  ["tags", "tags"],
  ["attribute", "attributes"],
  ["attributes", "attributes"],
  ["attr", "attributes"],
  ["run", "attributes"],
  ["dataset", "datasets"],
  ["datasets", "datasets"],
]);
const TIMESTAMP_ATTRIBUTES = new Set(["start_time", "end_time"]);
// As MLflow 3.18 validates them: lifecycle_stage is not searchable (run_view_type selects it).
const STRING_ATTRIBUTES = new Set(["run_id", "run_name", "status", "user_id", "artifact_uri"]);
const ATTRIBUTE_ALIASES = new Map([
  ["created", "start_time"],
  ["Created", "start_time"],
  ["run name", "run_name"],
  ["Run name", "run_name"],
  ["Run Name", "run_name"],
]);
const DATASET_KEYS = new Set(["name", "digest", "context"]);

const OPERATORS = new Map<string, Comparator>([
  ["=", "="],
  ["!=", "!="],
  [">", ">"],
  [">=", ">="],
  ["<", "<"],
  ["<=", "<="],
]);
const OPERATOR_HINTS = new Map([
  ["==", "="],
  ["<>", "!="],
  ["!==", "!="],
  ["=<", "<="],
  ["=>", ">="],
]);
const NUMERIC_COMPARATORS = new Set<Comparator>(["=", "!=", ">", ">=", "<", "<="]);
const STRING_COMPARATORS = new Set<Comparator>(["=", "!=", "LIKE", "ILIKE"]);
const KEYWORDS = new Set(["AND", "OR", "NOT", "IN", "LIKE", "ILIKE"]);
const ALL_OPERATORS = "=, !=, >, >=, <, <=, LIKE, ILIKE, IN or NOT IN";
const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?)(\d+))?$/;
const PLAIN_KEY = /^[A-Za-z0-9_]+$/;
/** Deeper nesting is reported rather than risking the call stack. */
const MAX_DEPTH = 64;

interface LeftSide {
  entityType: EntityType;
  key: string;
  keySpan: Span;
  span: Span;
  /** The left side as the user wrote it, for messages. */
  text: string;
  valueType: "number" | "timestamp" | "string";
  takesList: boolean;
  /** How this left side compares, to open messages: "params compare as strings". */
  subject: string;
}

/** Parses a runs filter; `null` means the text holds no filter at all. */
export function parseRunFilter(text: string): FilterExpression | null {
  return new Parser(text, tokenize(text)).parse();
}

class Parser {
  private readonly text: string;
  private readonly tokens: Token[];
  private index = 0;
  private depth = 0;

  constructor(text: string, tokens: Token[]) {
    this.text = text;
    this.tokens = tokens;
  }

  parse(): FilterExpression | null {
    if (this.peek().kind === "eof") return null;
    const expression = this.expression();
    const token = this.peek();
    if (token.kind === "rparen") fail('Unmatched ")": remove it or add a "(" before it', token);
    if (token.kind !== "eof") fail(`Expected AND or OR, found ${describe(token)}`, token);
    return expression;
  }

  private expression(): FilterExpression {
    const first = this.term();
    const rest: FilterExpression[] = [];
    while (isKeyword(this.peek(), "OR")) {
      this.index++;
      rest.push(this.term());
    }
    return rest.length ? { kind: "or", operands: [first, ...rest] } : first;
  }

  private term(): FilterExpression {
    const first = this.factor();
    const rest: FilterExpression[] = [];
    while (isKeyword(this.peek(), "AND")) {
      this.index++;
      rest.push(this.factor());
    }
    return rest.length ? { kind: "and", operands: [first, ...rest] } : first;
  }

  private factor(): FilterExpression {
    const open = this.peek();
    if (open.kind !== "lparen") return this.comparison();
    this.index++;
    const first = this.peek();
    if (first.kind === "rparen") fail("Empty parentheses: put a comparison inside or remove them", open, first);
    if (first.kind === "eof") fail('Unclosed "(": add a comparison and a ")"', open);
    if (++this.depth > MAX_DEPTH) fail(`Too many nested parentheses: the limit is ${MAX_DEPTH}`, open);
    const inner = this.expression();
    this.depth--;
    const close = this.peek();
    if (close.kind === "eof") fail('Unclosed "(": add the matching ")"', open);
    if (close.kind !== "rparen") fail(`Expected AND, OR or ")", found ${describe(close)}`, close);
    this.index++;
    return inner;
  }

  private comparison(): FilterComparison {
    const token = this.peek();
    const previous = this.tokens[this.index - 1];
    if (
      (token.kind === "eof" || token.kind === "rparen") &&
      previous &&
      (isKeyword(previous, "AND") || isKeyword(previous, "OR"))
    ) {
      fail(`Expected a comparison after ${previous.text.toUpperCase()}`, previous);
    }
    if (isKeyword(token, "NOT")) fail("NOT works only as NOT IN: use != or NOT IN", token);
    if (token.kind === "string" && token.text.startsWith("'")) {
      fail(`Expected a comparison, found the string ${describe(token)}: quote keys with backticks`, token);
    }
    const startsKey = (token.kind === "word" && !KEYWORDS.has(token.text.toUpperCase())) || isQuotedKey(token);
    if (!startsKey) {
      fail(`Expected a comparison, found ${describe(token)}`, token.kind === "eof" && previous ? previous : token);
    }

    const left = this.leftSide();
    const { comparator, span: comparatorSpan } = this.comparator(left);
    checkComparator(left, comparator, comparatorSpan);
    const value = this.value(left, comparator, comparatorSpan);
    return {
      kind: "comparison",
      entityType: left.entityType,
      key: left.key,
      keySpan: left.keySpan,
      comparator,
      value,
      span: { start: left.span.start, end: value.span.end },
    };
  }

  private leftSide(): LeftSide {
    const first = this.next();
    let typeToken: Token | undefined;
    let keyToken = first;
    if (this.peek().kind === "dot") {
      const dot = this.next();
      const key = this.peek();
      if (key.kind === "eof") fail(`Expected a key after "${first.text}."`, first, dot);
      const plain = key.kind === "word" || (key.kind === "number" && PLAIN_KEY.test(key.text));
      if (!plain && !isQuotedKey(key)) {
        fail(`Expected a key after "${first.text}.", found ${describe(key)}: quote keys with backticks`, key);
      }
      this.index++;
      typeToken = first;
      keyToken = key;
    }
    const entityType = typeToken ? ENTITY_TYPES.get(typeToken.value.toLowerCase()) : "attributes";
    if (!entityType) {
      fail(`Unknown type "${typeToken?.value}": use metrics, params, tags, attributes or datasets`, first);
    }
    this.rejectUnquotedSpecials(keyToken, typeToken);

    const span = { start: first.start, end: keyToken.end };
    const text = this.text.slice(span.start, span.end);
    const keySpan = spanOf(keyToken);
    if (keyToken.value === "") fail("Empty key: put the key's name between the quotes", keyToken);

    if (entityType === "attributes") {
      const key = ATTRIBUTE_ALIASES.get(keyToken.value) ?? keyToken.value;
      if (TIMESTAMP_ATTRIBUTES.has(key)) {
        const subject = `attributes.${key} is a timestamp in milliseconds`;
        return { entityType, key, keySpan, span, text, valueType: "timestamp", takesList: false, subject };
      }
      if (!STRING_ATTRIBUTES.has(key)) {
        const known = [...STRING_ATTRIBUTES, ...TIMESTAMP_ATTRIBUTES].join(", ");
        const hint = typeToken
          ? `use one of ${known}`
          : "prefix metric, param and tag keys with metrics., params. or tags.";
        fail(`Unknown attribute "${keyToken.value}": ${hint}`, typeToken ?? keyToken, keyToken);
      }
      const subject = `attributes.${key} compares as a string`;
      return { entityType, key, keySpan, span, text, valueType: "string", takesList: key === "run_id", subject };
    }
    if (entityType === "datasets") {
      const key = keyToken.value;
      if (!DATASET_KEYS.has(key)) fail(`Unknown dataset field "${key}": use name, digest or context`, keyToken);
      const subject = `datasets.${key} compares as a string`;
      return { entityType, key, keySpan, span, text, valueType: "string", takesList: true, subject };
    }
    const valueType = entityType === "metrics" ? "number" : "string";
    const subject = `${entityType} compare as ${valueType}s`;
    return { entityType, key: keyToken.value, keySpan, span, text, valueType, takesList: false, subject };
  }

  /** `tags.mlflow.runName` or `metrics.val-loss`: MLflow needs such keys quoted, so say how. */
  private rejectUnquotedSpecials(keyToken: Token, typeToken: Token | undefined): void {
    const after = this.peek();
    const adjacent = after.start === keyToken.end && ["dot", "unknown", "word", "number"].includes(after.kind);
    if (isQuotedKey(keyToken) || !adjacent) return;
    let end = keyToken.end;
    while (end < this.text.length && !/[\s=!<>(),'"`]/.test(this.text[end] ?? " ")) end++;
    const key = this.text.slice(keyToken.start, end);
    const special = String.fromCodePoint(this.text.codePointAt(keyToken.end) ?? 0);
    const example = typeToken ? `${typeToken.text}.\`${key}\`` : `metrics.\`${key}\``;
    fail(`Quote keys that contain "${special}": ${example}`, keyToken, { start: keyToken.start, end });
  }

  private comparator(left: LeftSide): { comparator: Comparator; span: Span } {
    const token = this.peek();
    if (token.kind === "operator") {
      const comparator = OPERATORS.get(token.text);
      const hint = OPERATOR_HINTS.get(token.text);
      if (!comparator) fail(`Unknown operator "${token.text}": use ${hint ?? ALL_OPERATORS}`, token);
      this.index++;
      return { comparator, span: spanOf(token) };
    }
    const word = token.kind === "word" ? token.text.toUpperCase() : "";
    if (word === "LIKE" || word === "ILIKE" || word === "IN") {
      this.index++;
      return { comparator: word, span: spanOf(token) };
    }
    if (word === "NOT") {
      this.index++;
      const next = this.peek();
      if (!isKeyword(next, "IN"))
        fail("Expected IN after NOT: negate with != or NOT IN", next.kind === "eof" ? token : next);
      this.index++;
      return { comparator: "NOT IN", span: { start: token.start, end: next.end } };
    }
    if (token.kind === "eof") fail(`Expected an operator after ${left.text}`, left.span);
    if (token.kind === "word" && word !== "AND" && word !== "OR") {
      fail(`Unknown operator "${token.text}": use ${ALL_OPERATORS}`, token);
    }
    fail(`Expected an operator after ${left.text}, found ${describe(token)}`, token);
  }

  private value(left: LeftSide, comparator: Comparator, comparatorSpan: Span): FilterValue {
    const token = this.peek();
    const context = `${left.text} ${comparator}`;
    if (token.kind === "eof") fail(`Missing value after ${context}`, comparatorSpan);
    if (comparator === "IN" || comparator === "NOT IN") {
      if (token.kind !== "lparen") fail(`${comparator} takes a list in parentheses, e.g. ${context} ("a", "b")`, token);
      return this.list();
    }
    if (token.kind === "number") {
      if (left.valueType === "string") fail(`${left.subject}: quote the value, e.g. ${context} "${token.text}"`, token);
      if (left.valueType === "timestamp" && !/^[+-]?\d+$/.test(token.text)) {
        fail(`${left.subject}: use a whole number, e.g. ${context} 1700000000000`, token);
      }
      this.index++;
      return { kind: "number", text: canonicalNumber(token.text), span: spanOf(token) };
    }
    if (token.kind === "string") {
      if (left.valueType !== "string") {
        const unquoted = token.value.trim();
        const example = NUMBER_TEXT.test(unquoted) && /\d/.test(unquoted) ? unquoted : exampleNumber(left);
        fail(`${left.subject}: remove the quotes, e.g. ${context} ${example}`, token);
      }
      this.index++;
      return { kind: "string", value: token.value, span: spanOf(token) };
    }
    if (token.kind === "backtick") fail(`Backticks quote keys: quote values with "…" or '…'`, token);
    if (token.kind === "lparen") fail("Only IN and NOT IN take a list", token);
    if (token.kind === "word" && !KEYWORDS.has(token.text.toUpperCase())) {
      if (left.valueType === "string") fail(`${left.subject}: quote the value, e.g. ${context} "${token.text}"`, token);
      fail(`${left.subject}: expected a number, e.g. ${context} ${exampleNumber(left)}`, token);
    }
    fail(`Expected a value after ${context}, found ${describe(token)}`, token);
  }

  private list(): FilterValue {
    const open = this.next();
    if (this.peek().kind === "rparen") fail("Empty list: put at least one quoted value inside", open, this.peek());
    const items: { value: string; span: Span }[] = [];
    for (;;) {
      const item = this.peek();
      if (item.kind === "eof") fail('Unclosed list: add the matching ")"', open);
      if (item.kind === "number" || item.kind === "word") {
        fail(`List values are strings: quote them, e.g. "${item.text}"`, item);
      }
      if (item.kind !== "string") fail(`Expected a quoted value in the list, found ${describe(item)}`, item);
      this.index++;
      items.push({ value: item.value, span: spanOf(item) });
      const separator = this.next();
      if (separator.kind === "rparen") return { kind: "list", items, span: { start: open.start, end: separator.end } };
      if (separator.kind === "eof") fail('Unclosed list: add the matching ")"', open);
      if (separator.kind !== "comma") fail(`Expected "," or ")" in the list, found ${describe(separator)}`, separator);
    }
  }

  private peek(): Token {
    return this.tokens[this.index] ?? this.eof();
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "eof") this.index++;
    return token;
  }

  private eof(): Token {
    return { kind: "eof", text: "", value: "", start: this.text.length, end: this.text.length };
  }
}

function checkComparator(left: LeftSide, comparator: Comparator, span: Span): void {
  const isList = comparator === "IN" || comparator === "NOT IN";
  if (isList && !left.takesList) {
    fail(`${comparator} works only on attributes.run_id and datasets.name, digest or context`, span);
  }
  if (left.valueType !== "string") {
    if (!NUMERIC_COMPARATORS.has(comparator)) fail(`${left.subject}: use =, !=, >, >=, < or <=`, span);
  } else if (!isList && !STRING_COMPARATORS.has(comparator)) {
    fail(`${left.subject}: use =, !=, LIKE or ILIKE${left.takesList ? ", IN or NOT IN" : ""}`, span);
  }
}

/** Spells a number the way MLflow's SQL tokenizer and Python's `float()` both read it: no `+`, no bare `.5` or `5.`. */
function canonicalNumber(text: string): string {
  const [, sign = "", whole = "", fraction = "", exponentSign = "", exponent] = NUMBER_TEXT.exec(text) ?? [];
  const mantissa = `${sign === "-" ? "-" : ""}${whole || "0"}${fraction ? `.${fraction}` : ""}`;
  return exponent === undefined ? mantissa : `${mantissa}e${exponentSign === "-" ? "-" : ""}${exponent}`;
}

function exampleNumber(left: LeftSide): string {
  return left.valueType === "timestamp" ? "1700000000000" : "0.5";
}

function isKeyword(token: Token, keyword: string): boolean {
  return token.kind === "word" && token.text.toUpperCase() === keyword;
}

function isQuotedKey(token: Token): boolean {
  return token.kind === "backtick" || (token.kind === "string" && token.text.startsWith('"'));
}

function describe(token: Token): string {
  if (token.kind === "eof") return "the end of the filter";
  return `"${token.text.length > 24 ? `${token.text.slice(0, 23)}…` : token.text}"`;
}

function spanOf(token: Token | Span): Span {
  return { start: token.start, end: token.end };
}

function fail(message: string, from: Token | Span, to: Token | Span = from): never {
  throw new RunFilterSyntaxError(message, from.start, to.end - from.start);
}
