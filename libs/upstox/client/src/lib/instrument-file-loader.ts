import { createReadStream, createWriteStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { DeskError, ERROR_TITLES, Instrument } from '@desk/contracts';
import { parseInstrumentFile } from './instrument-file';
import { InstrumentStreamResult, parseInstrumentStream } from './instrument-file-stream';
import { OutboundLimiter } from './outbound-limiter';
import { upstoxConfig, UpstoxConfig } from './upstox.config';
import { UpstoxHttpTransport } from './upstox-transport';
import { httpUrlOrThrow, rawFetchTransport } from './upstox-raw-fetch';

/** Where the instrument master comes from: a URL (the simulator serves one) or a local file. */
export interface InstrumentSource {
  url?: string;
  file?: string;
}

/** The master file is tens of MB from assets.upstox.com: far longer than an API call may take. */
const INSTRUMENT_FILE_TIMEOUT_MS = 120_000;

export interface DownloadOptions {
  /** The date of the copy we hold (sent as If-Modified-Since; a 304 means it is still current). */
  ifModifiedSince?: Date;
  /** Where the downloaded gzip bytes are written (and fsync'd) while they are parsed; the caller renames it. */
  saveTo: string;
  onProgress?(receivedBytes: number, totalBytes: number | null): void;
}

export type DownloadOutcome =
  | { kind: 'not-modified' }
  | (InstrumentStreamResult & { kind: 'downloaded'; lastModified: Date | null; bytes: number });

/**
 * Reads the Upstox instrument file (a JSON array, plain or gzipped) from a URL or a local file. Not an Upstox
 * API call (no token, no rate budget), so it is not part of UpstoxClient.
 */
@Injectable()
export class InstrumentFileLoader implements OnModuleDestroy {
  private readonly transport: UpstoxHttpTransport;

  constructor(http: HttpService, limiter: OutboundLimiter, @Inject(upstoxConfig.KEY) config: UpstoxConfig) {
    this.transport = rawFetchTransport(http, limiter, config);
  }

  onModuleDestroy(): void {
    this.transport.destroy();
  }

  /** Closes keep-alive sockets (tests call it before stopping the simulator). */
  close(): void {
    this.transport.destroy();
  }

  /**
   * Downloads the gzipped instrument file, streaming: the bytes go to `saveTo` and through gunzip into the row
   * parser as they arrive, so neither the file nor its JSON is ever held whole. Throws a DeskError for an HTTP
   * error, a cut or corrupt gzip, or a file that is not a valid instrument list (`saveTo` may then hold junk).
   */
  async download(url: string, options: DownloadOptions): Promise<DownloadOutcome> {
    const headers: Record<string, string> = { Accept: '*/*' };
    if (options.ifModifiedSince) headers['If-Modified-Since'] = options.ifModifiedSince.toUTCString();
    let res;
    try {
      res = await this.transport.fetchRaw(httpUrlOrThrow(url), 'stream', INSTRUMENT_FILE_TIMEOUT_MS, headers);
    } catch {
      throw instrumentFileError('The instrument file could not be downloaded.', 502, `instrument download failed: ${new URL(url).origin}`);
    }
    const body = res.data as Readable;
    if (res.status === 304) {
      body.destroy();
      return { kind: 'not-modified' };
    }
    if (res.status !== 200) {
      body.destroy();
      throw instrumentFileError(`The instrument file could not be downloaded (HTTP ${res.status}).`, 502, `instrument download -> HTTP ${res.status}`);
    }
    const total = Number(res.headers['content-length']);
    const totalBytes = Number.isFinite(total) && total > 0 ? total : null;
    let received = 0;
    const file = createWriteStream(options.saveTo, { mode: 0o600 });
    const tee = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        options.onProgress?.(received, totalBytes);
        if (file.write(chunk)) callback(null, chunk);
        else file.once('drain', () => callback(null, chunk));
      },
      flush(callback) {
        file.end(callback);
      },
    });
    let parsed: InstrumentStreamResult;
    try {
      parsed = await parseInstrumentStream(body, true, [tee]);
      if (totalBytes !== null && received !== totalBytes) throw new Error(`received ${received} of ${totalBytes} bytes`);
      const handle = await open(options.saveTo, 'r');
      await handle.sync().finally(() => handle.close());
    } catch (error) {
      body.destroy();
      file.destroy();
      throw instrumentFileError('The downloaded instrument file is damaged or incomplete.', 502, `instrument download invalid: ${(error as Error).message}`);
    }
    const lastModified = Date.parse(String(res.headers['last-modified'] ?? ''));
    return { kind: 'downloaded', ...parsed, lastModified: Number.isFinite(lastModified) ? new Date(lastModified) : null, bytes: received };
  }

  /** Reads an instrument file from disk row by row (gzip told apart by its magic number). */
  async readFile(path: string): Promise<InstrumentStreamResult> {
    let gzip: boolean;
    try {
      const handle = await open(path, 'r');
      const head = Buffer.alloc(2);
      await handle.read(head, 0, 2, 0).finally(() => handle.close());
      gzip = head[0] === 0x1f && head[1] === 0x8b;
    } catch {
      throw instrumentFileError('The instrument file could not be read.', 404, `instrument file not readable: ${path}`);
    }
    try {
      return await parseInstrumentStream(createReadStream(path), gzip);
    } catch (error) {
      throw instrumentFileError('The instrument file is not a valid Upstox instrument file.', 502, String((error as Error).message));
    }
  }

  async load(source: InstrumentSource): Promise<Instrument[]> {
    const bytes = await this.read(source);
    try {
      return parseInstrumentFile(bytes);
    } catch (error) {
      throw instrumentFileError('The instrument file is not a valid Upstox instrument file.', 502, String((error as Error).message));
    }
  }

  private async read(source: InstrumentSource): Promise<Buffer> {
    if (source.file) {
      try {
        return await readFile(source.file);
      } catch {
        throw instrumentFileError('The instrument file could not be read.', 404, `instrument file not readable: ${source.file}`);
      }
    }
    if (!source.url) throw new Error('InstrumentFileLoader.load needs a url or a file');
    const url = httpUrlOrThrow(source.url);
    let status = 0;
    let bytes: Buffer;
    try {
      const res = await this.transport.fetchRaw(url, 'arraybuffer', INSTRUMENT_FILE_TIMEOUT_MS);
      status = res.status;
      bytes = Buffer.from(res.data as ArrayBuffer);
    } catch {
      throw instrumentFileError('The instrument file could not be downloaded.', 502, `instrument download failed: ${new URL(url).origin}`);
    }
    if (status !== 200) throw instrumentFileError('The instrument file could not be downloaded.', 502, `instrument download -> HTTP ${status}`);
    return bytes;
  }
}

function instrumentFileError(message: string, httpStatus: number, logDetail: string): DeskError {
  return new DeskError({
    code: httpStatus === 404 ? 'NOT_FOUND' : 'UPSTOX_ERROR', title: ERROR_TITLES.upstoxError, httpStatus, message,
    nextStep: 'Place the Upstox instrument file (complete.json.gz from assets.upstox.com) in the data folder and restart.',
    logDetail,
  });
}
