/** A filter problem at a place in the user's text. Offsets are UTF-16 indices, as in `String.prototype.slice`. */
export interface RunFilterError {
  message: string;
  offset: number;
  length: number;
}

export class RunFilterSyntaxError extends Error implements RunFilterError {
  override readonly name = "RunFilterSyntaxError";
  readonly offset: number;
  readonly length: number;

  constructor(message: string, offset: number, length: number) {
    super(message);
    this.offset = offset;
    this.length = length;
  }
}

export type TokenKind =
  | "word"
  | "number"
  | "string" // '…' or "…": a value, or a key where a key is expected
  | "backtick" // `…`: always a key
  | "operator" // any run of = ! < >, checked by the parser
  | "dot"
  | "comma"
  | "lparen"
  | "rparen"
  | "unknown" // a character the grammar has no use for, reported by the parser in context
  | "eof";

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  /** Unquoted content for `string` and `backtick`, otherwise the same as `text`. */
  value: string;
  start: number;
  end: number;
}

const WHITESPACE = /\s+/y;
const WORD = /[A-Za-z0-9_]+/y;
const NUMBER = /[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const OPERATOR = /[=!<>]+/y;
const QUOTES = new Set(["'", '"', "`"]);
const PUNCTUATION: Partial<Record<string, TokenKind>> = { "(": "lparen", ")": "rparen", ",": "comma" };
const ENDS_A_KEY = new Set<TokenKind>(["word", "number", "string", "backtick"]);

function matchAt(pattern: RegExp, text: string, at: number): string {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0] ?? "";
}

/** Splits a filter into tokens; only an unterminated quote is an error here, the rest is judged in context. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const push = (kind: TokenKind, end: number, value?: string) => {
    const source = text.slice(at, end);
    tokens.push({ kind, text: source, value: value ?? source, start: at, end });
    at = end;
  };

  while (at < text.length) {
    const space = matchAt(WHITESPACE, text, at);
    if (space) {
      at += space.length;
      continue;
    }
    const char = text[at] ?? "";
    const next = text[at + 1] ?? "";
    const previous = tokens[tokens.length - 1];

    if (QUOTES.has(char)) {
      const { end, value } = readQuoted(text, at);
      push(char === "`" ? "backtick" : "string", end, value);
    } else if (/[0-9]/.test(char)) {
      // "1e5" is a number, "1abc" a word (a key such as metrics.1abc).
      const number = matchAt(NUMBER, text, at);
      const word = matchAt(WORD, text, at);
      push(number.length >= word.length ? "number" : "word", at + Math.max(number.length, word.length));
    } else if (/[A-Za-z_]/.test(char)) {
      push("word", at + matchAt(WORD, text, at).length);
    } else if (char === "." && /[0-9]/.test(next) && !(previous?.end === at && ENDS_A_KEY.has(previous.kind))) {
      push("number", at + matchAt(NUMBER, text, at).length);
    } else if ((char === "+" || char === "-") && matchAt(NUMBER, text, at)) {
      push("number", at + matchAt(NUMBER, text, at).length);
    } else if (char === ".") {
      push("dot", at + 1);
    } else if (PUNCTUATION[char]) {
      push(PUNCTUATION[char], at + 1);
    } else if ("=!<>".includes(char)) {
      push("operator", at + matchAt(OPERATOR, text, at).length);
    } else {
      push("unknown", at + String.fromCodePoint(text.codePointAt(at) ?? 0).length);
    }
  }
  tokens.push({ kind: "eof", text: "", value: "", start: text.length, end: text.length });
  return tokens;
}

/** Reads a quoted string or key starting at `start`; a doubled quote stands for one quote character. */
function readQuoted(text: string, start: number): { end: number; value: string } {
  const quote = text[start] ?? "";
  let value = "";
  let at = start + 1;
  for (;;) {
    const close = text.indexOf(quote, at);
    if (close === -1) {
      const what = quote === "`" ? "key" : "string";
      throw new RunFilterSyntaxError(`Unterminated ${what}: add the closing ${quote}`, start, text.length - start);
    }
    value += text.slice(at, close);
    if (text[close + 1] !== quote) return { end: close + 1, value };
    value += quote;
    at = close + 2;
  }
}
