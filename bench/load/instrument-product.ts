import { performance } from 'node:perf_hooks';
import type { Summary } from './stats';
import type { WallStages } from '../wall-stages';
import type { StagesArgs } from './api-process';
import { buildServers, startBuiltStack } from './built-stack';

/**
 * Issue 10 goal 2 in the product as `npm start` runs it (built api and simulator, own processes): the first search
 * of a fresh install (download from UPSTOX_ASSETS_URL = the simulator, gunzip, parse, index, cache write), the
 * first search after a restart (the cached file: parse + index), the memory the list adds to the api process, and
 * the server time of each keystroke query (request in -> answer finished, inside the api process).
 */
export interface ProductLoad {
  firstNeedMs: number;
  afterRestartMs: number;
  addedRssMb: number;
  addedHeapMb: number;
  /** Server time per keystroke query. */
  search: Summary;
}

type Memory = { rssMb: number; heapMb: number };

export async function measureProductLoad(queries: string[]): Promise<ProductLoad> {
  buildServers();
  const stack = await startBuiltStack({
    sim: { UPSTOX_SIM_INSTRUMENT_FILE: 'full' },
    // The queries go back to back, faster than a person types: the desk's inbound limit would answer 429.
    api: { DESK_RATE_LIMIT_PER_SECOND: '10000', DESK_RATE_LIMIT_PER_MINUTE: '1000000' },
    connect: false,
  });
  try {
    // The simulator builds its file on first request: pay that before measuring the api.
    await (await fetch(`${stack.simUrl}/market-quote/instruments/exchange/complete.json.gz`)).arrayBuffer();
    const firstSearch = async (): Promise<number> => {
      const started = performance.now();
      const res = await stack.browser.api('GET', '/api/instruments?query=RELIANCE');
      const ms = performance.now() - started;
      if (res.status !== 200 || !res.body.instruments?.length) throw new Error(`first search: ${res.status} ${res.text.slice(0, 200)}`);
      return ms;
    };
    const before = await stack.api.call<Memory>('memory');
    const firstNeedMs = await firstSearch();
    const after = await stack.api.call<Memory>('memory');
    await stack.restartApi();
    const afterRestartMs = await firstSearch();
    await stack.api.call('stagesStart', { deskMethod: 'GET', deskPathPrefix: '/api/instruments?', brokerPathPrefix: '/v' } satisfies StagesArgs);
    for (const q of queries) {
      const res = await stack.browser.api('GET', `/api/instruments?query=${encodeURIComponent(q)}`);
      if (res.status !== 200) throw new Error(`${q}: ${res.status}`);
    }
    const search = (await stack.api.call<WallStages>('stagesStop')).total;
    return { firstNeedMs, afterRestartMs, addedRssMb: after.rssMb - before.rssMb, addedHeapMb: after.heapMb - before.heapMb, search };
  } finally {
    await stack.close();
  }
}
