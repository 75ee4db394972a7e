import { describe, expect, it } from "vitest";
import { parseDelimited, toTable } from "./csv";

const csv = (text: string, options: { maxRecords?: number; partial?: boolean } = {}) =>
  parseDelimited(text, { delimiter: ",", ...options });

describe("parseDelimited", () => {
  it("splits plain records, with or without a final line break", () => {
    expect(csv("a,b\n1,2\n").records).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(csv("a,b\n1,2").records).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("keeps empty fields and empty lines as records", () => {
    expect(csv("a,,c\n,\n").records).toEqual([
      ["a", "", "c"],
      ["", ""],
    ]);
    expect(csv("a\n\nb\n").records).toEqual([["a"], [""], ["b"]]);
  });

  it("reads quoted fields with delimiters, escaped quotes and line breaks inside", () => {
    const text = 'name,note\n"Smith, J","said ""hi"""\n"multi\nline","x"\n';
    expect(csv(text).records).toEqual([
      ["name", "note"],
      ["Smith, J", 'said "hi"'],
      ["multi\nline", "x"],
    ]);
  });

  it("reads CRLF and lone CR line ends, and keeps CRLF inside quotes", () => {
    expect(csv('a,b\r\n1,"x\r\ny"\r\n2,3\r').records).toEqual([
      ["a", "b"],
      ["1", "x\r\ny"],
      ["2", "3"],
    ]);
  });

  it("drops a leading byte-order mark", () => {
    expect(csv("\uFEFFa,b\n1,2\n").records[0]).toEqual(["a", "b"]);
  });

  it("keeps a quote inside an unquoted field as text, and runs an unterminated quote to the end", () => {
    expect(csv('5" screen,x\n').records).toEqual([['5" screen', "x"]]);
    expect(csv('a,"open\nstill open').records).toEqual([["a", "open\nstill open"]]);
  });

  it("quoted empty strings are fields", () => {
    expect(csv('"",""\n').records).toEqual([["", ""]]);
  });

  it("reads TSV, pandas-quoted fields included", () => {
    const text = 'col a\tcol b\n1\t"tab\there"\n2\tplain, with comma\n';
    expect(parseDelimited(text, { delimiter: "\t" }).records).toEqual([
      ["col a", "col b"],
      ["1", "tab\there"],
      ["2", "plain, with comma"],
    ]);
  });

  it("stops at maxRecords and says so", () => {
    expect(csv("h\n1\n2\n3\n", { maxRecords: 3 })).toEqual({ records: [["h"], ["1"], ["2"]], truncated: true });
    expect(csv("h\n1\n", { maxRecords: 2 })).toEqual({ records: [["h"], ["1"]], truncated: false });
  });

  it("drops the possibly cut last record of the start of a longer file", () => {
    expect(csv('h,v\n1,2\n3,"cut', { partial: true })).toEqual({
      records: [
        ["h", "v"],
        ["1", "2"],
      ],
      truncated: true,
    });
  });
});

describe("toTable", () => {
  it("pads short rows to the widest record", () => {
    expect(toTable([["a", "b"], ["1"], ["1", "2", "3"]])).toEqual({
      header: ["a", "b", ""],
      rows: [
        ["1", "", ""],
        ["1", "2", "3"],
      ],
      width: 3,
    });
  });

  it("has an empty header for no records", () => {
    expect(toTable([])).toEqual({ header: [], rows: [], width: 0 });
  });
});
