/**
 * Reads PostgreSQL's binary COPY format (`COPY … TO STDOUT (FORMAT binary)`) as it arrives in
 * chunks: a header, then tuples of length-prefixed fields, then a trailer. Fields come back
 * as views into the chunks (no copy, no decoding), so a query that encodes its rows itself
 * can stream them on as bytes.
 */
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

export class CopyBinaryError extends Error {}

export class CopyBinaryReader {
  /** Chunks not read yet, and how many bytes they must add up to before reading can go on. */
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private needed = 0;
  private headerRead = false;
  private ended = false;

  /** The tuples completed by this chunk (each an array of fields, null for SQL NULL). */
  push(chunk: Buffer): Array<Array<Buffer | null>> {
    if (this.ended) {
      if (chunk.length) throw new CopyBinaryError("data after the COPY trailer");
      return [];
    }
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    // A field longer than a chunk waits whole, without copying what came so far each time.
    if (this.pendingLength < this.needed) return [];
    const data =
      this.pending.length === 1 ? chunk : Buffer.concat(this.pending, this.pendingLength);
    const tuples: Array<Array<Buffer | null>> = [];
    const at = this.read(data, tuples);
    // Keep only the unread tail (copied, so the chunk it came from can be freed).
    this.pending = at < data.length ? [Buffer.from(data.subarray(at))] : [];
    this.pendingLength = data.length - at;
    return tuples;
  }

  /** Reads what is complete in `data` into `tuples`; returns where reading stopped. */
  private read(data: Buffer, tuples: Array<Array<Buffer | null>>): number {
    let at = 0;
    this.needed = 0;
    if (!this.headerRead) {
      if (data.length < 19) return this.wait(at, 19);
      if (!data.subarray(0, 11).equals(SIGNATURE)) {
        throw new CopyBinaryError("not PostgreSQL's binary COPY format");
      }
      const headerEnd = 19 + data.readUInt32BE(15);
      if (data.length < headerEnd) return this.wait(at, headerEnd);
      at = headerEnd;
      this.headerRead = true;
    }
    for (;;) {
      if (data.length - at < 2) return this.wait(at, at + 2);
      const count = data.readInt16BE(at);
      if (count === -1) {
        this.ended = true;
        return at + 2;
      }
      // One pass to see whether the whole tuple is here, then one to cut it.
      let end = at + 2;
      for (let i = 0; i < count; i++) {
        if (data.length - end < 4) return this.wait(at, end + 4);
        end += 4 + Math.max(0, data.readInt32BE(end));
        if (end > data.length) return this.wait(at, end);
      }
      const fields: Array<Buffer | null> = [];
      let field = at + 2;
      for (let i = 0; i < count; i++) {
        const length = data.readInt32BE(field);
        field += 4;
        fields.push(length < 0 ? null : data.subarray(field, field + length));
        field += Math.max(0, length);
      }
      tuples.push(fields);
      at = end;
    }
  }

  /** Stops reading at `at` until the bytes up to `until` are here. */
  private wait(at: number, until: number): number {
    this.needed = until - at;
    return at;
  }

  /** Whether the trailer was read (a COPY that stopped early never sends it). */
  get done(): boolean {
    return this.ended;
  }
}

/**
 * COPY … (FORMAT csv) ends rows with "\n"; RFC 4180 (and ClaimDesk's CSV) ends them with
 * "\r\n". This writes "\r\n" for every line break outside quotes, as the chunks arrive
 * (a quoted cell keeps its own line breaks as they are). A byte scan: quotes and line
 * breaks are ASCII, which UTF-8 never uses inside another character.
 */
export class CsvRowEnds {
  private quoted = false;

  push(chunk: Buffer): Buffer {
    const QUOTE = 0x22;
    const NEWLINE = 0x0a;
    const rowEnds: number[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.quoted) {
        const close = chunk.indexOf(QUOTE, at);
        if (close < 0) break;
        this.quoted = false;
        at = close + 1;
        continue;
      }
      const quote = chunk.indexOf(QUOTE, at);
      const newline = chunk.indexOf(NEWLINE, at);
      if (newline >= 0 && (quote < 0 || newline < quote)) {
        rowEnds.push(newline);
        at = newline + 1;
      } else if (quote >= 0) {
        // An opening quote (a doubled quote inside a cell closes and reopens: same state).
        this.quoted = true;
        at = quote + 1;
      } else {
        break;
      }
    }
    if (rowEnds.length === 0) return chunk;
    const out = Buffer.allocUnsafe(chunk.length + rowEnds.length);
    let from = 0;
    let to = 0;
    for (const end of rowEnds) {
      to += chunk.copy(out, to, from, end);
      out[to++] = 0x0d;
      out[to++] = NEWLINE;
      from = end + 1;
    }
    chunk.copy(out, to, from);
    return out;
  }
}
