import { Inject, Injectable, Logger } from '@nestjs/common';
import { Instrument, InstrumentSearchResponse, UpstoxEnvironment } from '@desk/contracts';
import { InstrumentFileLoader, UpstoxClient, UpstoxEndpointsResolver } from '@desk/upstox/client';
import { ConnectionService } from '@desk/api/connection';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { searchInstruments } from './instrument-search';

/** Where the api looks for a master the user downloaded (these machines cannot fetch it). */
export const INSTRUMENT_FILES = ['instruments.json', 'complete.json.gz', 'complete.json'] as const;
export const SIMULATOR_INSTRUMENTS_PATH = '/market-quote/instruments/exchange/complete.json';
export const ORDERS_DATA_DIR = Symbol('ORDERS_DATA_DIR');

interface LoadedMaster {
  /** The URL or file (with its mtime) it came from: a change reloads. */
  origin: string;
  source: 'simulator' | 'file';
  all: Instrument[];
  byKey: Map<string, Instrument>;
}

type MasterState = { master: LoadedMaster } | { master: null; message: string };

/**
 * The instrument master, cached in memory: from the simulator when the connection is to the
 * simulator, otherwise from a file in DATA_DIR. The same lookup gives the order validation its
 * lot and tick sizes.
 */
@Injectable()
export class InstrumentsService {
  private readonly logger = new Logger(InstrumentsService.name);
  private cached: LoadedMaster | null = null;
  private loading: { origin: string; promise: Promise<LoadedMaster> } | null = null;

  constructor(
    private readonly client: UpstoxClient,
    private readonly instrumentFiles: InstrumentFileLoader,
    private readonly endpoints: UpstoxEndpointsResolver,
    private readonly connection: ConnectionService,
    @Inject(ORDERS_DATA_DIR) private readonly dataDir: string,
  ) {}

  async search(query: string): Promise<InstrumentSearchResponse> {
    const state = await this.master();
    if (!state.master) return { instruments: [], source: 'none', message: state.message };
    const found = searchInstruments(state.master.all, query);
    return { instruments: await this.withLastPrices(found), source: state.master.source };
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

  async find(instrumentKey: string): Promise<Instrument | undefined> {
    const state = await this.master();
    return state.master?.byKey.get(instrumentKey);
  }

  /** The instrument when the master knows it; undefined otherwise, also when the master is unavailable (logged). */
  async lookUp(instrumentKey: string): Promise<Instrument | undefined> {
    try {
      return await this.find(instrumentKey);
    } catch (err) {
      this.logger.warn(`instrument master unavailable for ${instrumentKey}: ${(err as Error).message}`);
      return undefined;
    }
  }

  private environment(): UpstoxEnvironment | null {
    return this.connection.status().environment;
  }

  private async master(): Promise<MasterState> {
    if (this.environment() === 'simulator') {
      const url = `${this.endpoints.resolve('simulator').apiUrl.replace(/\/+$/, '')}${SIMULATOR_INSTRUMENTS_PATH}`;
      try {
        return { master: await this.load(url, 'simulator', { url }) };
      } catch (err) {
        this.logger.warn(`loading the simulator's instrument master failed: ${(err as Error).message}`);
        return { master: null, message: `The simulator's instrument list could not be loaded: ${(err as Error).message}` };
      }
    }
    const file = INSTRUMENT_FILES.map((name) => join(this.dataDir, name)).find((f) => existsSync(f));
    if (!file) {
      return {
        master: null,
        message:
          `No instrument list found. Download complete.json.gz from Upstox ` +
          `(https://assets.upstox.com/market-quote/instruments/exchange/complete.json.gz) and place it in ` +
          `${this.dataDir} as complete.json.gz (or instruments.json), or type the instrument key (e.g. NSE_EQ|INE002A01018).`,
      };
    }
    const origin = `${file}@${statSync(file).mtimeMs}`;
    try {
      return { master: await this.load(origin, 'file', { file }) };
    } catch (err) {
      this.logger.warn(`reading the instrument file ${file} failed: ${(err as Error).message}`);
      return { master: null, message: `The instrument file ${file} could not be read: ${(err as Error).message}` };
    }
  }

  private load(origin: string, source: 'simulator' | 'file', from: { url?: string; file?: string }): Promise<LoadedMaster> {
    if (this.cached?.origin === origin) return Promise.resolve(this.cached);
    if (this.loading?.origin === origin) return this.loading.promise;
    const promise = this.instrumentFiles
      .load(from)
      .then((all) => {
        const master: LoadedMaster = { origin, source, all, byKey: new Map(all.map((i) => [i.instrumentKey, i])) };
        this.cached = master;
        this.logger.log(`instrument master loaded from ${source}: ${all.length} instruments`);
        return master;
      })
      .finally(() => {
        if (this.loading?.promise === promise) this.loading = null;
      });
    this.loading = { origin, promise };
    return promise;
  }
}
