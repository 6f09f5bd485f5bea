/** Public options of the simulator (PLAN.md §1). */
export interface SimulatorOptions {
  /** Port to listen on; 0 (default) picks a free port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (never exposed by default). */
  host?: string;
  /** The demo app's API key; defaults to DEMO_APP.clientId. */
  clientId?: string;
  /** The demo app's API secret; defaults to DEMO_APP.clientSecret. */
  clientSecret?: string;
  /** The demo app's registered redirect URI (exact match); defaults to DEMO_APP.redirectUri. */
  redirectUri?: string;
  /** PRNG seed: same seed + clock => same prices and ids. Default 42. */
  seed?: number;
  /**
   * Order ids start from the IST time of day instead of from the seed, so a simulator started again the same day
   * never repeats an id of its earlier run (a desk's journal may still hold those; Upstox never reuses one). For the
   * standalone simulator (`npm start`) when no seed is given; off by default, which keeps ids repeatable.
   */
  orderIdsByTimeOfDay?: boolean;
  /** Market hours + the 00:00-05:30 IST service windows. Default false (works at any hour). */
  marketRules?: boolean;
  /**
   * With market rules on, what a regular (is_amo false) order placed while NSE is closed gets: `amo` (default) it
   * waits as an after-market order, as Upstox's current docs say (is_amo inferred from the session); `refuse` it is
   * refused with UDAPI100057 "Market is closed", as Upstox's sandbox has been seen to do (CONTRACT §5.1 notes the
   * docs contradict each other). AMO orders are accepted either way.
   */
  regularOrdersWhenClosed?: 'amo' | 'refuse';
  /** Real-time interval of the background price walk; 0 = off (tests). Default 0. */
  priceTickMs?: number;
  /** Real-time delay between order lifecycle transitions. Default 25. */
  stepDelayMs?: number;
  /** Simulator clock = real time + offset. Default 0. */
  clockOffsetMs?: number;
  /**
   * What `/market-quote/instruments/exchange/complete.json.gz` serves: `demo` (default) the tradable demo list,
   * `full` Upstox's size (about 155,000 generated rows around the demo list; built on the first download).
   */
  instrumentFile?: 'full' | 'demo';
  /**
   * Upstox's per-user request limits (CONTRACT §8). Default true. false only for benchmarks that must fill a busy
   * day's order book (10,000 orders) within seconds; never in the demo or the tests of the limits.
   */
  rateLimits?: boolean;
  /** Extra priced NSE equities (BENCH0001...) for benchmarks that need many ticking instruments. Default 0. */
  benchInstruments?: number;
}

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:41234 ; serves BOTH the api and the api-hft paths. */
  url: string;
  port: number;
  app: { clientId: string; clientSecret: string; redirectUri: string };
  close(): Promise<void>;
}

/**
 * The demo app every fresh simulator knows. These are simulator-only values, printed in the README:
 * they grant nothing anywhere else.
 */
export const DEMO_APP = {
  clientId: 'sim-demo-app-7f3c2a9e-4b1d-4c8e-9a6f-2d5e8b1c0a11',
  clientSecret: 'sim-demo-secret-do-not-use-in-production',
  redirectUri: 'http://localhost:5000/callback',
} as const satisfies { clientId: string; clientSecret: string; redirectUri: 'http://localhost:5000/callback' };

export interface ResolvedOptions {
  port: number;
  host: string;
  app: { clientId: string; clientSecret: string; redirectUri: string };
  seed: number;
  orderIdsByTimeOfDay: boolean;
  marketRules: boolean;
  regularOrdersWhenClosed: 'amo' | 'refuse';
  priceTickMs: number;
  stepDelayMs: number;
  clockOffsetMs: number;
  instrumentFile: 'full' | 'demo';
  rateLimits: boolean;
  benchInstruments: number;
}

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    app: {
      clientId: options.clientId || DEMO_APP.clientId,
      clientSecret: options.clientSecret || DEMO_APP.clientSecret,
      redirectUri: options.redirectUri || DEMO_APP.redirectUri,
    },
    seed: Number.isFinite(options.seed) ? Math.trunc(options.seed as number) : 42,
    orderIdsByTimeOfDay: options.orderIdsByTimeOfDay === true,
    marketRules: options.marketRules ?? false,
    regularOrdersWhenClosed: options.regularOrdersWhenClosed === 'refuse' ? 'refuse' : 'amo',
    priceTickMs: Math.max(0, options.priceTickMs ?? 0),
    stepDelayMs: Math.max(0, options.stepDelayMs ?? 25),
    clockOffsetMs: options.clockOffsetMs ?? 0,
    instrumentFile: options.instrumentFile === 'full' ? 'full' : 'demo',
    rateLimits: options.rateLimits !== false,
    benchInstruments: Math.min(5_000, Math.max(0, Math.trunc(options.benchInstruments ?? 0))),
  };
}
