import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { Instrument } from '@desk/contracts';
import { mapInstrumentRow } from './instrument-file';

/** Rows are a few hundred bytes; a "row" longer than this is a malformed file, not a row (and bounds rescans). */
const MAX_ROW_CHARS = 64 * 1024;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Splits the instrument file's top-level JSON array into its row objects as text arrives, so a 100+ MB file is
 * never one string nor one object graph: each row is parsed and mapped on its own, and only the mapped Instrument
 * is kept. A row runs from its `{` to the first `}` after which the text parses as JSON (native indexOf instead of a
 * character loop; a `}` inside a string or a nested object only makes the parse fail and the search go on).
 * Anything that is not `[ {...}, {...} ]` is refused, and so is an array that never closes (a cut file).
 */
export class InstrumentRowSplitter {
  readonly instruments: Instrument[] = [];
  rows = 0;
  private state: 'before' | 'between' | 'after' = 'before';
  private buffer = '';
  /** Where to look for the next `}` of the row being read (kept across chunks). */
  private searchFrom = 0;
  /** Repeated values (segment, exchange, type, underlying name) share one string; expiries already do (instrument-file.ts). */
  private readonly interned = new Map<string, string>();

  feed(text: string): void {
    const buf = this.buffer + text;
    let pos = 0;
    while (pos < buf.length) {
      const c = buf.charCodeAt(pos);
      if (isSpace(c)) {
        pos++;
        continue;
      }
      if (this.state === 'before' && c === 91) {
        this.state = 'between';
        pos++;
      } else if (this.state === 'between' && c === 44 && this.rows > 0) pos++;
      else if (this.state === 'between' && c === 93) {
        this.state = 'after';
        pos++;
      } else if (this.state === 'between' && c === 123) {
        const end = this.rowEnd(buf, pos);
        if (end < 0) break;
        pos = end + 1;
      } else throw new Error(`The instrument file is not a JSON array of instrument objects (unexpected "${buf[pos]}")`);
    }
    this.searchFrom -= pos;
    this.buffer = buf.slice(pos);
  }

  /** Throws unless the array was closed: a truncated download must not pass for a short list. */
  end(): void {
    if (this.state !== 'after' || this.buffer.trim() !== '') {
      throw new Error('The instrument file ends before its JSON array is closed (cut short?)');
    }
  }

  /** Index of the `}` that closes the row starting at `start`, after parsing it; -1 = needs more text. */
  private rowEnd(buf: string, start: number): number {
    let from = Math.max(start + 1, this.searchFrom);
    for (;;) {
      const end = buf.indexOf('}', from);
      if (end < 0) {
        this.searchFrom = buf.length;
        if (buf.length - start > MAX_ROW_CHARS) throw new Error(`The instrument file has a malformed row (row ${this.rows + 1})`);
        return -1;
      }
      if (end - start > MAX_ROW_CHARS) throw new Error(`The instrument file has a malformed row (row ${this.rows + 1})`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(buf.slice(start, end + 1));
      } catch {
        from = end + 1;
        continue;
      }
      this.searchFrom = 0;
      this.row(parsed);
      return end;
    }
  }

  private row(parsed: unknown): void {
    this.rows++;
    const instrument = mapInstrumentRow(parsed);
    if (!instrument) return;
    instrument.segment = this.intern(instrument.segment);
    instrument.exchange = this.intern(instrument.exchange);
    instrument.instrumentType = this.intern(instrument.instrumentType);
    if (instrument.name.length <= 24) instrument.name = this.intern(instrument.name);
    this.instruments.push(instrument);
  }

  private intern(value: string): string {
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    this.interned.set(value, value);
    return value;
  }
}

export interface InstrumentStreamResult {
  instruments: Instrument[];
  /** Rows in the file, including those out of the desk's scope (currency, BSE indices) or malformed. */
  rows: number;
}

/** A writable end that feeds decoded text to a splitter. */
function splitterSink(splitter: InstrumentRowSplitter): Writable {
  const decoder = new StringDecoder('utf8');
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      try {
        splitter.feed(decoder.write(chunk));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    final(callback) {
      try {
        splitter.feed(decoder.end());
        splitter.end();
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

/**
 * Parses an instrument file from a byte stream (gzipped when `gzip`), row by row. Rejects a corrupt or cut gzip,
 * a non-array, malformed rows and a file without a single usable instrument.
 */
export async function parseInstrumentStream(source: Readable, gzip: boolean, stages: NodeJS.ReadWriteStream[] = []): Promise<InstrumentStreamResult> {
  const splitter = new InstrumentRowSplitter();
  const sink = splitterSink(splitter);
  await (gzip ? pipeline([source, ...stages, createGunzip(), sink]) : pipeline([source, ...stages, sink]));
  if (splitter.instruments.length === 0) throw new Error('The instrument file has no usable instruments');
  return { instruments: splitter.instruments, rows: splitter.rows };
}
