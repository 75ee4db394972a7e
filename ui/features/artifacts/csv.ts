/**
 * A delimited-text parser (RFC 4180, and TSV as pandas writes it): quoted fields, `""` inside quotes,
 * delimiters and line breaks inside quotes, LF, CRLF and lone CR line ends, and a leading BOM.
 * Lenient where files in the wild are: a quote in the middle of an unquoted field is kept as text,
 * and an unterminated quote runs to the end of the input.
 */
export interface ParseDelimitedOptions {
  delimiter: "," | "\t";
  /** Stop after this many records (header included). */
  maxRecords?: number;
  /** The text is the start of a longer file: its last record may be cut, so it is dropped. */
  partial?: boolean;
}

export interface DelimitedTable {
  records: string[][];
  /** True when records were left out: past `maxRecords`, or a cut last record of a partial text. */
  truncated: boolean;
}

export function parseDelimited(input: string, options: ParseDelimitedOptions): DelimitedTable {
  const { delimiter, maxRecords = Infinity, partial = false } = options;
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  let i = 0;

  const endField = () => {
    record.push(field);
    field = "";
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };

  while (i < text.length) {
    if (records.length >= maxRecords) return { records, truncated: true };
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += ch;
    fieldStarted = true;
    i++;
  }

  // Text that ends without a line break still has a last record; one that ends with one does not.
  const pending = fieldStarted || field !== "" || record.length > 0;
  if (records.length >= maxRecords) return { records, truncated: pending };
  if (partial) return { records, truncated: true };
  if (pending) endRecord();
  return { records, truncated: false };
}

/** The records as a header and rows of the header's width (short rows padded, long ones keep extra cells). */
export function toTable(records: string[][]): { header: string[]; rows: string[][]; width: number } {
  const [header = [], ...rows] = records;
  const width = Math.max(header.length, ...rows.map((row) => row.length));
  const pad = (row: string[]) => (row.length < width ? [...row, ...Array<string>(width - row.length).fill("")] : row);
  return { header: pad(header), rows: rows.map(pad), width };
}
