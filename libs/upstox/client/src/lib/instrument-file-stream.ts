import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { Instrument } from '@desk/contracts';
import { mapInstrumentRow } from './instrument-file';

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Splits the instrument file's top-level JSON array into its row objects as text arrives, so a 100+ MB file is
 * never one string nor one object graph: each row is parsed and mapped on its own, and only the mapped Instrument
 * is kept. Anything that is not `[ {...}, {...} ]` is refused, and so is an array that never closes (a cut file).
 */
export class InstrumentRowSplitter {
  readonly instruments: Instrument[] = [];
  rows = 0;
  private state: 'before' | 'between' | 'after' = 'before';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private pending = '';
  /** Repeated values (segment, exchange, type, underlying name, expiry) share one string. */
  private readonly interned = new Map<string, string>();

  feed(text: string): void {
    let start = this.depth > 0 ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.depth > 0) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === BACKSLASH) this.escaped = true;
          else if (c === QUOTE) this.inString = false;
        } else if (c === QUOTE) this.inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (--this.depth === 0) {
            this.row(this.pending + text.slice(start, i + 1));
            this.pending = '';
            start = -1;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (this.state === 'before' && c === OPEN_BRACKET) this.state = 'between';
      else if (this.state === 'between' && c === OPEN_BRACE) {
        this.depth = 1;
        start = i;
      }
      else if (this.state === 'between' && c === COMMA && this.rows > 0) continue;
      else if (this.state === 'between' && c === CLOSE_BRACKET) this.state = 'after';
      else throw new Error(`The instrument file is not a JSON array of instrument objects (unexpected "${text[i]}")`);
    }
    if (this.depth > 0 && start >= 0) this.pending += text.slice(start);
  }

  /** Throws unless the array was closed: a truncated download must not pass for a short list. */
  end(): void {
    if (this.state !== 'after') throw new Error('The instrument file ends before its JSON array is closed (cut short?)');
  }

  private row(text: string): void {
    this.rows++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`The instrument file has a malformed row (row ${this.rows})`);
    }
    const instrument = mapInstrumentRow(parsed);
    if (!instrument) return;
    instrument.segment = this.intern(instrument.segment);
    instrument.exchange = this.intern(instrument.exchange);
    instrument.instrumentType = this.intern(instrument.instrumentType);
    if (instrument.name.length <= 24) instrument.name = this.intern(instrument.name);
    if (instrument.expiry) instrument.expiry = this.intern(instrument.expiry);
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
