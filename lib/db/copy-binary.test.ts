import { describe, expect, it } from "vitest";
import { CopyBinaryError, CopyBinaryReader, CsvRowEnds } from "./copy-binary";

/** A binary COPY stream as PostgreSQL writes it (header with an extension area, tuples, trailer). */
function copyStream(tuples: Array<Array<string | null>>): Buffer {
  const parts: Buffer[] = [Buffer.from("PGCOPY\n\xff\r\n\0", "latin1")];
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0, 0); // flags
  header.writeUInt32BE(3, 4); // extension length
  parts.push(header, Buffer.from([1, 2, 3]));
  for (const tuple of tuples) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(tuple.length);
    parts.push(count);
    for (const field of tuple) {
      const length = Buffer.alloc(4);
      const bytes = field === null ? null : Buffer.from(field, "utf8");
      length.writeInt32BE(bytes ? bytes.length : -1);
      parts.push(length);
      if (bytes) parts.push(bytes);
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

const TUPLES: Array<Array<string | null>> = [
  ['{"id":"1","text":"Émigré said \\"no\\""}', null],
  ["", "claim 2: a warning"],
  ["x".repeat(70_000) + "🙂", null],
  ['{"n":4}', null],
];

function readAll(stream: Buffer, sizes: (i: number) => number) {
  const reader = new CopyBinaryReader();
  const tuples: Array<Array<string | null>> = [];
  for (let at = 0, i = 0; at < stream.length; i++) {
    const size = Math.max(1, sizes(i));
    for (const t of reader.push(stream.subarray(at, at + size)))
      tuples.push(t.map((f) => (f === null ? null : f.toString("utf8"))));
    at += size;
  }
  return { tuples, done: reader.done };
}

describe("reading binary COPY as it arrives", () => {
  const stream = copyStream(TUPLES);

  it("reads every tuple whole, whatever the chunks (one byte, 7, 64 KB, cut everywhere)", () => {
    for (const size of [1, 7, 1000, 65_536, stream.length]) {
      expect(readAll(stream, () => size)).toEqual({ tuples: TUPLES, done: true });
    }
    // Two chunks, cut at every position of the first 200 bytes and around the long field.
    const cuts = [...Array(200).keys(), 70_000, 70_090, 70_110, stream.length - 3];
    for (const cut of cuts) {
      const sizes = (i: number) => (i === 0 ? cut : stream.length);
      expect(readAll(stream, sizes).tuples).toEqual(TUPLES);
    }
  });

  it("knows a stream that stopped before its trailer", () => {
    const reader = new CopyBinaryReader();
    reader.push(stream.subarray(0, stream.length - 2));
    expect(reader.done).toBe(false);
  });

  it("refuses what is not binary COPY", () => {
    expect(() => new CopyBinaryReader().push(Buffer.from("id,text\n1,hello\n12345678901"))).toThrow(
      CopyBinaryError,
    );
  });
});

describe("CSV rows ended with CRLF", () => {
  const input =
    'a,"quoted\nline break",b\n' +
    '"""doubled"" quotes, and a comma",2\n' +
    '\'=formula,""\n' +
    '"ends with a quote """,x\n' +
    "é,🙂\n";
  const expected =
    'a,"quoted\nline break",b\r\n' +
    '"""doubled"" quotes, and a comma",2\r\n' +
    '\'=formula,""\r\n' +
    '"ends with a quote """,x\r\n' +
    "é,🙂\r\n";

  it("ends each row with CRLF and leaves line breaks inside quotes as they are, across chunks", () => {
    const bytes = Buffer.from(input, "utf8");
    for (let cut = 0; cut <= bytes.length; cut++) {
      const rows = new CsvRowEnds();
      const out = Buffer.concat([
        rows.push(bytes.subarray(0, cut)),
        rows.push(bytes.subarray(cut)),
      ]);
      expect(out.toString("utf8")).toBe(expected);
    }
    const rows = new CsvRowEnds();
    const oneByOne = Buffer.concat([...bytes].map((b) => rows.push(Buffer.from([b]))));
    expect(oneByOne.toString("utf8")).toBe(expected);
  });
});
