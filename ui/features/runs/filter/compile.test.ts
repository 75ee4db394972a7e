import { describe, expect, it } from "vitest";
import { compileRunFilter, DEFAULT_MAX_CLAUSES, RunFilterSyntaxError } from "./index";

function clauses(text: string, maxClauses?: number): string[] {
  const result = compileRunFilter(text, { maxClauses });
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to compile, got: ${result.error.message}`);
  return result.clauses;
}

function error(text: string, maxClauses?: number) {
  const result = compileRunFilter(text, { maxClauses });
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to fail, got ${JSON.stringify(result.clauses)}`);
  const { message, offset, length } = result.error;
  return { message, offset, length, underlined: text.slice(offset, offset + length) };
}

describe("compileRunFilter: what compiles", () => {
  it.each([
    { name: "empty input", text: "", expected: [""] },
    { name: "whitespace only", text: " \t\n ", expected: [""] },
    {
      name: "plain AND, canonicalised",
      text: "metrics.loss < 0.5 and params.lr = '0.01'",
      expected: ['metrics.loss < 0.5 AND params.lr = "0.01"'],
    },
    {
      name: "type aliases become MLflow's plurals",
      text: "metric.a > 1 AND param.b = 'x' AND parameter.c = 'x' AND parameters.d = 'x' AND tag.e = 'x'",
      expected: ['metrics.a > 1 AND params.b = "x" AND params.c = "x" AND params.d = "x" AND tags.e = "x"'],
    },
    {
      name: "attribute aliases and bare keys become attributes.<key>",
      text: "status = 'FINISHED' AND attr.user_id = 'ana' AND run.run_name LIKE 'a%' AND attribute.end_time > 0",
      expected: [
        'attributes.status = "FINISHED" AND attributes.user_id = "ana" AND attributes.run_name LIKE "a%" AND attributes.end_time > 0',
      ],
    },
    {
      name: "MLflow's attribute key aliases",
      text: "created > 1700000000000 AND \"Run Name\" = 'x' AND `run name` != 'y'",
      expected: ['attributes.start_time > 1700000000000 AND attributes.run_name = "x" AND attributes.run_name != "y"'],
    },
    {
      name: "dataset fields",
      text: "dataset.name = 'train' AND datasets.context ILIKE 'eval%'",
      expected: ['datasets.name = "train" AND datasets.context ILIKE "eval%"'],
    },
    {
      name: "OR gives two clauses",
      text: "params.optimizer = 'adam' OR params.optimizer = 'sgd'",
      expected: ['params.optimizer = "adam"', 'params.optimizer = "sgd"'],
    },
    {
      name: "AND binds tighter than OR",
      text: "metrics.a > 1 AND metrics.b > 2 OR metrics.c > 3",
      expected: ["metrics.a > 1 AND metrics.b > 2", "metrics.c > 3"],
    },
    {
      name: "(a OR b) AND c distributes",
      text: "(params.m = 'cnn' OR params.m = 'rnn') AND metrics.acc > 0.9",
      expected: ['params.m = "cnn" AND metrics.acc > 0.9', 'params.m = "rnn" AND metrics.acc > 0.9'],
    },
    {
      name: "(a OR b) AND (c OR d) gives four clauses",
      text: "(tags.t = 'a' OR tags.t = 'b') AND (metrics.x < 1 OR metrics.y < 1)",
      expected: [
        'tags.t = "a" AND metrics.x < 1',
        'tags.t = "a" AND metrics.y < 1',
        'tags.t = "b" AND metrics.x < 1',
        'tags.t = "b" AND metrics.y < 1',
      ],
    },
    {
      name: "nested parentheses",
      text: "((metrics.a > 1 OR (metrics.b > 2 AND (metrics.c > 3 OR metrics.d > 4)))) AND params.p = 'x'",
      expected: [
        'metrics.a > 1 AND params.p = "x"',
        'metrics.b > 2 AND metrics.c > 3 AND params.p = "x"',
        'metrics.b > 2 AND metrics.d > 4 AND params.p = "x"',
      ],
    },
    {
      name: "keywords in any case",
      text: "params.a like 'x%' oR params.b IlIkE 'y' aNd run_id nOt In ('r1')",
      expected: ['params.a LIKE "x%"', 'params.b ILIKE "y" AND attributes.run_id NOT IN ("r1")'],
    },
    {
      name: "backtick and double-quoted keys",
      text: "tags.`mlflow.runName` = 'r' AND metrics.\"val-loss\" < 1 AND metrics.`system/cpu` > 0.5",
      expected: ['tags.`mlflow.runName` = "r" AND metrics.`val-loss` < 1 AND metrics.`system/cpu` > 0.5'],
    },
    {
      name: "quoted plain keys lose their quotes; keys that are not identifiers keep backticks",
      text: "params.`lr` = 'x' AND metrics.`1st` > 0 AND metrics.1abc > 0 AND tags.`a b` = 'y'",
      expected: ['params.lr = "x" AND metrics.`1st` > 0 AND metrics.`1abc` > 0 AND tags.`a b` = "y"'],
    },
    {
      name: "single and double-quoted values",
      text: "params.a = 'x' AND params.b = \"y\" AND params.c = ''",
      expected: ['params.a = "x" AND params.b = "y" AND params.c = ""'],
    },
    {
      name: "a doubled quote stands for one; the other quote kind is chosen when needed",
      text: 'params.a = \'it\'\'s\' AND params.b = \'say "hi"\' AND params.c = "a ""b"""',
      expected: ['params.a = "it\'s" AND params.b = \'say "hi"\' AND params.c = \'a "b"\''],
    },
    {
      name: "numbers with sign and exponent",
      text: "metrics.a >= -1.5E+3 AND metrics.b < .5 AND metrics.c = +3. AND metrics.d != 2e-7 AND start_time < -1",
      expected: [
        "metrics.a >= -1.5e3 AND metrics.b < 0.5 AND metrics.c = 3 AND metrics.d != 2e-7 AND attributes.start_time < -1",
      ],
    },
    {
      name: "operators without spaces",
      text: "metrics.a>=-1 AND params.b!='x' AND metrics.c<.5",
      expected: ['metrics.a >= -1 AND params.b != "x" AND metrics.c < 0.5'],
    },
    {
      name: "IN lists on run_id and datasets",
      text: "run_id IN ('a1', \"b2\") OR attributes.run_id NOT IN ('c3') OR datasets.digest IN ('d')",
      expected: ['attributes.run_id IN ("a1", "b2")', 'attributes.run_id NOT IN ("c3")', 'datasets.digest IN ("d")'],
    },
    {
      name: "identical clauses are removed, however written",
      text: "params.a = 'x' OR param.a = \"x\" OR (params.a = 'x')",
      expected: ['params.a = "x"'],
    },
    {
      name: "clauses with the same comparisons in another order are removed",
      text: "metrics.a > 1 AND metrics.b > 1 OR metrics.b > 1 AND metrics.a > 1",
      expected: ["metrics.a > 1 AND metrics.b > 1"],
    },
    {
      name: "repeated comparisons inside a clause are removed",
      text: "(metrics.a > 1 OR metrics.b > 1) AND metrics.a > 1 AND metrics.a > 1",
      expected: ["metrics.a > 1", "metrics.b > 1 AND metrics.a > 1"],
    },
    {
      name: "keywords are plain keys after a type",
      text: "tags.and = 'x' AND params.in = 'y'",
      expected: ['tags.and = "x" AND params.in = "y"'],
    },
  ])("$name", ({ text, expected }) => {
    expect(clauses(text)).toEqual(expected);
  });

  it("compiles its own output to itself", () => {
    const text = "(params.a = 'x' OR tags.`b.c` LIKE 'say \"%\"') AND (metrics.m > .5 OR run_id IN ('r'))";
    for (const clause of clauses(text)) expect(clauses(clause)).toEqual([clause]);
  });
});

describe("compileRunFilter: the clause limit", () => {
  const sixPairs = Array.from({ length: 6 }, (_, i) => `(metrics.a${i} > 0 OR metrics.b${i} > 0)`).join(" AND ");

  it(`allows ${DEFAULT_MAX_CLAUSES} clauses by default`, () => {
    const fiveGroups = sixPairs.split(" AND ").slice(0, 5).join(" AND ");
    expect(clauses(fiveGroups)).toHaveLength(32);
  });

  it("reports how many searches the filter expands to, over the whole filter", () => {
    expect(error(`  ${sixPairs} `)).toEqual({
      message: "This filter expands to 64 MLflow searches; the limit is 32",
      offset: 2,
      length: sixPairs.length,
      underlined: sixPairs,
    });
  });

  it("honours maxClauses", () => {
    expect(error("metrics.a > 0 OR metrics.b > 0 OR metrics.c > 0", 2).message).toBe(
      "This filter expands to 3 MLflow searches; the limit is 2",
    );
    expect(clauses("metrics.a > 0 OR metrics.b > 0 OR metrics.c > 0", 3)).toHaveLength(3);
  });

  it("counts clauses after removing duplicates", () => {
    expect(clauses("metrics.a > 0 OR metrics.a > 0 OR metrics.a > 0", 1)).toEqual(["metrics.a > 0"]);
  });

  it("refuses to expand a filter that would explode", () => {
    const twentyPairs = Array.from({ length: 20 }, (_, i) => `(metrics.a${i} > 0 OR metrics.b${i} > 0)`).join(" AND ");
    expect(error(twentyPairs).message).toBe("This filter expands to more than 4096 MLflow searches; the limit is 32");
  });
});

describe("compileRunFilter: errors point at their place", () => {
  it.each([
    {
      name: "unterminated single-quoted string",
      text: "params.lr = '0.01 AND metrics.a > 1",
      message: "Unterminated string: add the closing '",
      offset: 12,
      underlined: "'0.01 AND metrics.a > 1",
    },
    {
      name: "unterminated double-quoted string",
      text: 'params.lr = "x',
      message: 'Unterminated string: add the closing "',
      offset: 12,
      underlined: '"x',
    },
    {
      name: "unterminated backtick key",
      text: "tags.`mlflow.runName = 'x'",
      message: "Unterminated key: add the closing `",
      offset: 5,
      underlined: "`mlflow.runName = 'x'",
    },
    {
      name: "unclosed parenthesis",
      text: "metrics.a > 1 AND (metrics.b > 1 OR metrics.c > 1",
      message: 'Unclosed "(": add the matching ")"',
      offset: 18,
      underlined: "(",
    },
    {
      name: "opening parenthesis at the end",
      text: "metrics.a > 1 AND (",
      message: 'Unclosed "(": add a comparison and a ")"',
      offset: 18,
      underlined: "(",
    },
    {
      name: "unmatched closing parenthesis",
      text: "metrics.a > 1) AND metrics.b > 1",
      message: 'Unmatched ")": remove it or add a "(" before it',
      offset: 13,
      underlined: ")",
    },
    {
      name: "dangling AND",
      text: "metrics.a > 1 AND ",
      message: "Expected a comparison after AND",
      offset: 14,
      underlined: "AND",
    },
    {
      name: "dangling or before a closing parenthesis",
      text: "(metrics.a > 1 or)",
      message: "Expected a comparison after OR",
      offset: 15,
      underlined: "or",
    },
    {
      name: "leading OR",
      text: "OR metrics.a > 1",
      message: 'Expected a comparison, found "OR"',
      offset: 0,
      underlined: "OR",
    },
    {
      name: "AND AND",
      text: "metrics.a > 1 AND AND metrics.b > 1",
      message: 'Expected a comparison, found "AND"',
      offset: 18,
      underlined: "AND",
    },
    {
      name: "missing value at the end",
      text: "params.lr =",
      message: "Missing value after params.lr =",
      offset: 10,
      underlined: "=",
    },
    {
      name: "missing value before AND",
      text: "params.lr = AND metrics.a > 1",
      message: 'Expected a value after params.lr =, found "AND"',
      offset: 12,
      underlined: "AND",
    },
    {
      name: "missing operator",
      text: "params.lr",
      message: "Expected an operator after params.lr",
      offset: 0,
      underlined: "params.lr",
    },
    {
      name: "unknown operator ==",
      text: "params.lr == '0.1'",
      message: 'Unknown operator "==": use =',
      offset: 10,
      underlined: "==",
    },
    {
      name: "unknown operator <>",
      text: "params.lr <> '0.1'",
      message: 'Unknown operator "<>": use !=',
      offset: 10,
      underlined: "<>",
    },
    {
      name: "unknown word operator",
      text: "params.lr CONTAINS '0.1'",
      message: 'Unknown operator "CONTAINS": use =, !=, >, >=, <, <=, LIKE, ILIKE, IN or NOT IN',
      offset: 10,
      underlined: "CONTAINS",
    },
    {
      name: "NOT without IN",
      text: "params.lr NOT LIKE '0.1'",
      message: "Expected IN after NOT: negate with != or NOT IN",
      offset: 14,
      underlined: "LIKE",
    },
    {
      name: "NOT as a prefix",
      text: "NOT params.lr = '0.1'",
      message: "NOT works only as NOT IN: use != or NOT IN",
      offset: 0,
      underlined: "NOT",
    },
    {
      name: "unknown type prefix",
      text: "metrics.a > 1 AND metricz.b > 1",
      message: 'Unknown type "metricz": use metrics, params, tags, attributes or datasets',
      offset: 18,
      underlined: "metricz",
    },
    {
      name: "unknown bare attribute",
      text: "lr = '0.1'",
      message: 'Unknown attribute "lr": prefix metric, param and tag keys with metrics., params. or tags.',
      offset: 0,
      underlined: "lr",
    },
    {
      name: "unknown prefixed attribute",
      text: "attributes.experiment_id = '1'",
      message:
        'Unknown attribute "experiment_id": use one of run_id, run_name, status, user_id, artifact_uri, start_time, end_time',
      offset: 0,
      underlined: "attributes.experiment_id",
    },
    {
      name: "unknown dataset field",
      text: "datasets.size = '1'",
      message: 'Unknown dataset field "size": use name, digest or context',
      offset: 9,
      underlined: "size",
    },
    {
      name: "metric compared with a string",
      text: "metrics.loss < '0.5'",
      message: "metrics compare as numbers: remove the quotes, e.g. metrics.loss < 0.5",
      offset: 15,
      underlined: "'0.5'",
    },
    {
      name: "metric compared with LIKE",
      text: "metrics.loss LIKE '0.5%'",
      message: "metrics compare as numbers: use =, !=, >, >=, < or <=",
      offset: 13,
      underlined: "LIKE",
    },
    {
      name: "metric compared with a bare word",
      text: "metrics.loss < low",
      message: "metrics compare as numbers: expected a number, e.g. metrics.loss < 0.5",
      offset: 15,
      underlined: "low",
    },
    {
      name: "param compared with a number",
      text: "params.lr = 0.01",
      message: 'params compare as strings: quote the value, e.g. params.lr = "0.01"',
      offset: 12,
      underlined: "0.01",
    },
    {
      name: "param compared with >",
      text: "params.lr > '0.01'",
      message: "params compare as strings: use =, !=, LIKE or ILIKE",
      offset: 10,
      underlined: ">",
    },
    {
      name: "string attribute compared with an unquoted word",
      text: "status = FINISHED",
      message: 'attributes.status compares as a string: quote the value, e.g. status = "FINISHED"',
      offset: 9,
      underlined: "FINISHED",
    },
    {
      name: "timestamp compared with a fraction",
      text: "attributes.start_time > 1.5e12",
      message:
        "attributes.start_time is a timestamp in milliseconds: use a whole number, e.g. attributes.start_time > 1700000000000",
      offset: 24,
      underlined: "1.5e12",
    },
    {
      name: "IN on a key that takes no list",
      text: "params.lr IN ('0.1', '0.2')",
      message: "IN works only on attributes.run_id and datasets.name, digest or context",
      offset: 10,
      underlined: "IN",
    },
    {
      name: "NOT IN on a string attribute",
      text: "status NOT IN ('FAILED')",
      message: "NOT IN works only on attributes.run_id and datasets.name, digest or context",
      offset: 7,
      underlined: "NOT IN",
    },
    {
      name: "IN without a list",
      text: "run_id IN 'abc'",
      message: 'IN takes a list in parentheses, e.g. run_id IN ("a", "b")',
      offset: 10,
      underlined: "'abc'",
    },
    {
      name: "a list without IN",
      text: "run_id = ('abc')",
      message: "Only IN and NOT IN take a list",
      offset: 9,
      underlined: "(",
    },
    {
      name: "empty list",
      text: "run_id IN ( )",
      message: "Empty list: put at least one quoted value inside",
      offset: 10,
      underlined: "( )",
    },
    {
      name: "unquoted list value",
      text: "run_id IN ('a', b)",
      message: 'List values are strings: quote them, e.g. "b"',
      offset: 16,
      underlined: "b",
    },
    {
      name: "trailing comma in a list",
      text: "run_id IN ('a',)",
      message: 'Expected a quoted value in the list, found ")"',
      offset: 15,
      underlined: ")",
    },
    {
      name: "unclosed list",
      text: "run_id IN ('a'",
      message: 'Unclosed list: add the matching ")"',
      offset: 10,
      underlined: "(",
    },
    {
      name: "trailing garbage",
      text: "metrics.a > 1 metrics.b > 2",
      message: 'Expected AND or OR, found "metrics"',
      offset: 14,
      underlined: "metrics",
    },
    {
      name: "trailing garbage inside parentheses",
      text: "(metrics.a > 1 ; metrics.b > 2)",
      message: 'Expected AND, OR or ")", found ";"',
      offset: 15,
      underlined: ";",
    },
    {
      name: "a trailing character",
      text: "metrics.a > 1 &",
      message: 'Expected AND or OR, found "&"',
      offset: 14,
      underlined: "&",
    },
    {
      name: "empty parentheses",
      text: "metrics.a > 1 AND ()",
      message: "Empty parentheses: put a comparison inside or remove them",
      offset: 18,
      underlined: "()",
    },
    {
      name: "unquoted key with dots",
      text: "tags.mlflow.runName = 'x'",
      message: 'Quote keys that contain ".": tags.`mlflow.runName`',
      offset: 5,
      underlined: "mlflow.runName",
    },
    {
      name: "unquoted key with a dash",
      text: "metrics.val-loss < 1",
      message: 'Quote keys that contain "-": metrics.`val-loss`',
      offset: 8,
      underlined: "val-loss",
    },
    {
      name: "unquoted key with a slash",
      text: "metrics.system/cpu > 1",
      message: 'Quote keys that contain "/": metrics.`system/cpu`',
      offset: 8,
      underlined: "system/cpu",
    },
    {
      name: "missing key after the type",
      text: "metrics. > 1",
      message: 'Expected a key after "metrics.", found ">": quote keys with backticks',
      offset: 9,
      underlined: ">",
    },
    {
      name: "single-quoted key",
      text: "'lr' = '0.1'",
      message: "Expected a comparison, found the string \"'lr'\": quote keys with backticks",
      offset: 0,
      underlined: "'lr'",
    },
    {
      name: "empty key",
      text: "params.`` = 'x'",
      message: "Empty key: put the key's name between the quotes",
      offset: 7,
      underlined: "``",
    },
    {
      name: "backtick in a key",
      text: "params.`a``b` = 'x'",
      message: "A key cannot contain a backtick: MLflow has no way to quote it",
      offset: 7,
      underlined: "`a``b`",
    },
    {
      name: "value with both kinds of quote",
      text: "params.a = 'it''s \"x\"'",
      message: "A value cannot contain both ' and \": MLflow has no way to escape a quote",
      offset: 11,
      underlined: "'it''s \"x\"'",
    },
    {
      name: "value ending in a backslash",
      text: "params.path = 'C:\\'",
      message: "A value cannot end with a backslash: MLflow would read it as an escape",
      offset: 14,
      underlined: "'C:\\'",
    },
    {
      name: "backslash in a list value",
      text: "run_id IN ('a', 'b\\n')",
      message: "List values cannot contain backslashes or line breaks: MLflow reads lists as Python literals",
      offset: 16,
      underlined: "'b\\n'",
    },
    {
      name: "backticks around a value",
      text: "params.a = `x`",
      message: "Backticks quote keys: quote values with \"…\" or '…'",
      offset: 11,
      underlined: "`x`",
    },
    {
      name: "nesting beyond the limit",
      text: `${"(".repeat(65)}metrics.a > 1${")".repeat(65)}`,
      message: "Too many nested parentheses: the limit is 64",
      offset: 64,
      underlined: "(",
    },
  ])("$name", ({ text, message, offset, underlined }) => {
    expect(error(text)).toEqual({ message, offset, length: underlined.length, underlined });
  });

  it("returns a RunFilterSyntaxError, an Error with the offset and length", () => {
    const result = compileRunFilter("params.lr = 0.01");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(RunFilterSyntaxError);
    expect(result.error).toBeInstanceOf(Error);
    expect(result.error.name).toBe("RunFilterSyntaxError");
  });

  it("reports the first error in the text", () => {
    expect(error("params.a = 1 AND metrics.b = 'x'").underlined).toBe("1");
    expect(error("params.`a``b` = 'x' OR params.c = 'it''s \"x\"'").underlined).toBe("`a``b`");
  });

  it("counts offsets in UTF-16 code units, like String.prototype.slice", () => {
    expect(error("tags.`🚀` = 'x' 🚀")).toMatchObject({ offset: 16, length: 2, underlined: "🚀" });
  });
});

describe("compileRunFilter: arbitrary input", () => {
  /** Numerical Recipes' LCG: deterministic, so a failure always reproduces. */
  function lcg(seed: number) {
    let state = seed >>> 0;
    return (n: number) => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state % n;
    };
  }
  type Random = ReturnType<typeof lcg>;
  const pick = <T>(random: Random, items: readonly T[]): T => items[random(items.length)] as T;

  const COMPARISONS = [
    ["metrics.loss", "<", "0.5"],
    ["params.lr", "=", "'0.01'"],
    ["tags.`mlflow.user`", "LIKE", "'a%'"],
    ["run_id", "IN", "(", "'r1'", ",", "'r2'", ")"],
    ["status", "!=", '"FAILED"'],
    ["metrics.`val-loss`", ">=", "-1e-3"],
    ["datasets.name", "NOT", "IN", "(", '"d"', ")"],
    ["attr.start_time", ">", "1700000000000"],
  ];
  const FRAGMENTS = [
    ...COMPARISONS.flat(),
    ...["metrics", "foo.bar", ".", "`", "'", '"', "==", "<>", "!", "ilike", "NOT", "AND", "or", "(", ")", ",", "x"],
    ...["'it''s'", '"say ""hi"""', "'a\\'", ".5", "+2", "1abc", "`a b`", "&", ";", "🚀", "\u0000", "é", "val-loss"],
  ];

  /** The tokens of a well-formed filter, up to three levels of parentheses deep. */
  function filterTokens(random: Random, depth = 0): string[] {
    const shape = random(depth > 2 ? 1 : 3);
    if (shape === 0) return [...pick(random, COMPARISONS)];
    const operator = shape === 1 ? "AND" : "or";
    return ["(", ...filterTokens(random, depth + 1), operator, ...filterTokens(random, depth + 1), ")"];
  }

  /** A well-formed filter with up to three random edits: a token dropped, inserted or replaced, or the text cut. */
  function mangledFilter(random: Random): string {
    const tokens = filterTokens(random);
    let cutAt: number | undefined;
    for (let edits = random(4); edits > 0; edits--) {
      const at = random(tokens.length + 1);
      const edit = random(4);
      if (edit === 0) tokens.splice(at, 1);
      else if (edit === 1) tokens.splice(at, 0, pick(random, FRAGMENTS));
      else if (edit === 2) tokens.splice(at, 1, pick(random, FRAGMENTS));
      else cutAt = random(64);
    }
    const text = tokens.map((token) => token + pick(random, [" ", " ", " ", "", "\t", "\n"])).join("");
    return cutAt === undefined ? text : text.slice(0, cutAt);
  }

  it("never throws, and every error lies within the input", () => {
    const random = lcg(20240611);
    const outcomes = { compiled: 0, failed: 0 };
    for (let run = 0; run < 600; run++) {
      const text = mangledFilter(random);
      const result = compileRunFilter(text, { maxClauses: 1 + random(8) });
      if (result.ok) {
        outcomes.compiled++;
        expect(result.clauses.length, text).toBeGreaterThan(0);
        if (text.trim()) for (const clause of result.clauses) expect(clauses(clause), text).toEqual([clause]);
      } else {
        outcomes.failed++;
        const { offset, length } = result.error;
        expect(result.error, text).toBeInstanceOf(RunFilterSyntaxError);
        expect(Number.isInteger(offset) && Number.isInteger(length), text).toBe(true);
        expect(offset, text).toBeGreaterThanOrEqual(0);
        expect(length, text).toBeGreaterThan(0);
        expect(offset + length, text).toBeLessThanOrEqual(text.length);
      }
    }
    expect(outcomes.compiled).toBeGreaterThan(50);
    expect(outcomes.failed).toBeGreaterThan(50);
  });

  it("compiles well-formed filters, and compiles their output to itself", () => {
    const random = lcg(7);
    for (let run = 0; run < 200; run++) {
      const text = filterTokens(random).join(" ");
      const result = compileRunFilter(text, { maxClauses: 64 });
      expect(result.ok, text).toBe(true);
      if (!result.ok) continue;
      for (const clause of result.clauses) expect(clauses(clause), text).toEqual([clause]);
    }
  });

  it("survives deep nesting and long input", () => {
    expect(compileRunFilter("(".repeat(100_000)).ok).toBe(false);
    const long = Array.from({ length: 2000 }, (_, i) => `metrics.m${i} > ${i}`).join(" AND ");
    expect(clauses(long)).toHaveLength(1);
  });
});
