import { readFile } from 'node:fs/promises';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import { DeskError, ERROR_TITLES, Instrument } from '@desk/contracts';
import { parseInstrumentFile } from './instrument-file';
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
