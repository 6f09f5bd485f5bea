import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { Instrument, InstrumentListStatus, InstrumentSearchResponse } from '@desk/contracts';
import { InstrumentFileLoader, UpstoxClient, UpstoxEndpointsResolver } from '@desk/upstox/client';
import { ConnectionService } from '@desk/api/connection';
import { Clock } from '@desk/api/core';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { OrdersErrors } from '../orders.errors';
import { InstrumentCache } from './instrument-cache';
import { InstrumentFeed, LoadedList } from './instrument-feed';
import { InstrumentIndex } from './instrument-index';
import { INSTRUMENTS_CONFIG, INSTRUMENTS_CONFIG_DEFAULTS, InstrumentsConfig } from './instruments.config';

/** Files a user may drop in DATA_DIR by hand; any of them wins over the downloaded list. */
export const INSTRUMENT_FILES = ['instruments.json', 'complete.json.gz', 'complete.json'] as const;
export const COMPLETE_FILE_PATH = '/market-quote/instruments/exchange/complete.json.gz';
export const ORDERS_DATA_DIR = Symbol('ORDERS_DATA_DIR');

type Selected =
  | { source: 'simulator' | 'download'; feed: InstrumentFeed }
  | { source: 'user-file'; file: string };

/**
 * The instrument list, indexed in memory. Connected to the simulator: the simulator's file. Otherwise a file the
 * user put in DATA_DIR, if there is one; else Upstox's complete.json.gz downloaded from UPSTOX_ASSETS_URL (for
 * live and sandbox connections alike: the file is public). The same lookup gives order validation its lot and
 * tick sizes.
 */
@Injectable()
export class InstrumentsService {
  private readonly logger = new Logger(InstrumentsService.name);
  private readonly upstoxFeed: InstrumentFeed;
  private readonly simulatorFeed: InstrumentFeed;
  private readonly clock: Clock;
  private userFile: { origin: string; list: Promise<LoadedList>; size: number } | null = null;

  constructor(
    private readonly client: UpstoxClient,
    private readonly loader: InstrumentFileLoader,
    endpoints: UpstoxEndpointsResolver,
    private readonly connection: ConnectionService,
    @Inject(ORDERS_DATA_DIR) private readonly dataDir: string,
    // Optional so unit tests that never search can build the service with the first five.
    // Token named explicitly: a union type would leave Nest no type metadata to resolve the shared Clock by.
    @Optional() @Inject(Clock) clock: Clock | null = null,
    @Optional() @Inject(INSTRUMENTS_CONFIG) config: InstrumentsConfig = INSTRUMENTS_CONFIG_DEFAULTS,
  ) {
    this.clock = clock ?? new Clock();
    const simulatorUrl = (): string => `${endpoints.resolve('simulator').apiUrl.replace(/\/+$/, '')}${COMPLETE_FILE_PATH}`;
    this.upstoxFeed = new InstrumentFeed('upstox', () => `${config.assetsUrl}${COMPLETE_FILE_PATH}`, loader, this.clock, new InstrumentCache(dataDir, 'upstox'), true);
    this.simulatorFeed = new InstrumentFeed('simulator', simulatorUrl, loader, this.clock, new InstrumentCache(dataDir, 'simulator'), false);
  }

  async search(query: string): Promise<InstrumentSearchResponse> {
    const selected = this.select();
    const state = await this.list(selected);
    if (!state.list) return { instruments: [], source: 'none', message: state.message };
    const found = state.list.index.search(query);
    return { instruments: await this.withLastPrices(found), source: selected.source === 'simulator' ? 'simulator' : 'file' };
  }

  /**
   * One instrument by its key, as the list holds it; refused (404) when the list lacks it or there is none. No last
   * price: its callers want the lot and tick size (the modify form, on every open), and an Upstox quote call each
   * time would only spend the account's rate limit.
   */
  async get(instrumentKey: string): Promise<Instrument> {
    const state = await this.list(this.select());
    if (!state.list) throw OrdersErrors.instrumentNotFound(instrumentKey, state.message);
    const found = state.list.index.find(instrumentKey);
    if (!found) throw OrdersErrors.instrumentNotFound(instrumentKey, 'the instrument list in use does not hold it.');
    return found;
  }

  /** Where the list comes from, its date and age, a download in progress, the last failure. Starts a due download. */
  status(): InstrumentListStatus {
    const selected = this.select();
    const now = this.clock.now().getTime();
    if (selected.source === 'user-file') {
      const mtime = statSync(selected.file).mtimeMs;
      void this.list(selected).catch(() => undefined);
      return {
        source: 'user-file', asOf: new Date(mtime).toISOString(), ageHours: hours(now - mtime),
        instruments: this.userFile?.size ?? 0, downloading: false,
      };
    }
    selected.feed.kick();
    const s = selected.feed.status();
    return {
      source: selected.source,
      asOf: s.list ? s.list.asOf.toISOString() : null,
      ageHours: s.list ? hours(now - s.list.asOf.getTime()) : null,
      instruments: s.list?.index.size ?? 0,
      downloading: s.downloading,
      ...(s.progress ? { progress: s.progress } : {}),
      ...(s.lastError ? { lastError: { message: s.lastError.message, at: s.lastError.at.toISOString() } } : {}),
    };
  }

  /** Waits for a running download (tests and the benchmark). */
  async settled(): Promise<void> {
    await Promise.all([this.upstoxFeed.settled(), this.simulatorFeed.settled()]);
  }

  async find(instrumentKey: string): Promise<Instrument | undefined> {
    const state = await this.list(this.select());
    return state.list?.index.find(instrumentKey);
  }

  /** The instrument when the list knows it; undefined otherwise, also when no list is available (logged). */
  async lookUp(instrumentKey: string): Promise<Instrument | undefined> {
    try {
      return await this.find(instrumentKey);
    } catch (err) {
      this.logger.warn(`instrument list unavailable for ${instrumentKey}: ${(err as Error).message}`);
      return undefined;
    }
  }

  private select(): Selected {
    if (this.connection.status().environment === 'simulator') return { source: 'simulator', feed: this.simulatorFeed };
    const file = INSTRUMENT_FILES.map((name) => join(this.dataDir, name)).find((f) => existsSync(f));
    return file ? { source: 'user-file', file } : { source: 'download', feed: this.upstoxFeed };
  }

  private async list(selected: Selected): Promise<{ list: LoadedList | null; message: string }> {
    if (selected.source !== 'user-file') {
      const list = await selected.feed.ensure();
      const error = selected.feed.status().lastError;
      const from = selected.source === 'simulator' ? "The simulator's instrument list" : 'The instrument list from Upstox';
      return {
        list,
        message:
          `${from} could not be downloaded${error ? `: ${error.message}` : ''}. It is tried again in a few minutes; ` +
          `meanwhile download complete.json.gz from https://assets.upstox.com${COMPLETE_FILE_PATH} and place it in ` +
          `${this.dataDir}, or type the instrument key (e.g. NSE_EQ|INE002A01018).`,
      };
    }
    const origin = `${selected.file}@${statSync(selected.file).mtimeMs}`;
    if (this.userFile?.origin !== origin) {
      const entry: { origin: string; list: Promise<LoadedList>; size: number } = { origin, list: Promise.resolve(null as never), size: 0 };
      entry.list = this.loader.readFile(selected.file).then(({ instruments }) => {
        this.logger.log(`instrument list loaded from ${selected.file}: ${instruments.length} instruments`);
        entry.size = instruments.length;
        return { index: new InstrumentIndex(instruments), asOf: new Date(statSync(selected.file).mtimeMs) };
      });
      this.userFile = entry;
    }
    try {
      return { list: await this.userFile.list, message: '' };
    } catch (err) {
      this.logger.warn(`reading the instrument file ${selected.file} failed: ${(err as Error).message}`);
      return { list: null, message: `The instrument file ${selected.file} could not be read: ${(err as Error).message}` };
    }
  }

  /**
   * The order form shows the last price and estimates a market order's value from it. Best effort: a
   * failed quote (no connection, sandbox, Upstox down) leaves lastPrice null rather than failing the search.
   */
  private async withLastPrices(instruments: Instrument[]): Promise<Instrument[]> {
    const status = this.connection.status();
    if (instruments.length === 0 || status.state !== 'connected' || status.environment === 'sandbox') return instruments;
    try {
      const prices = await this.connection.withUpstox((a) =>
        this.client.getLastPrices(a, instruments.map((i) => i.instrumentKey)),
      );
      return instruments.map((i) => ({ ...i, lastPrice: prices[i.instrumentKey] ?? i.lastPrice }));
    } catch (err) {
      this.logger.warn(`last prices for the instrument search failed: ${(err as Error).message}`);
      return instruments;
    }
  }
}

function hours(ms: number): number {
  return Math.round((ms / 3600_000) * 10) / 10;
}
