import { RunningSimulator, SimulatorOptions, startSimulator } from '@desk/upstox/simulator';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp, CreateApiOptions, RunningApi } from '../../src/bootstrap';
import { BrowserAgent } from './browser-agent';

export { BrowserAgent } from './browser-agent';
export type { Navigation, NavigateOptions } from './browser-agent';
export { rawRequest } from './http-client';
export type { HttpResponse, RawRequest } from './http-client';

export interface StackOptions {
  /** Extra or overriding env for the api (PORT, DATA_DIR, LOG_FILE, UPSTOX_SIM_URL are preset). */
  env?: Record<string, string>;
  /** Simulator options; the redirect URI defaults to this api's /callback. */
  sim?: SimulatorOptions;
  /** Extra Nest modules for the api (test probes). */
  imports?: CreateApiOptions['imports'];
}

export interface Stack {
  /** http://localhost:PORT */
  apiUrl: string;
  sim: RunningSimulator;
  simUrl: string;
  loginToken: string;
  dataDir: string;
  logFile: string;
  /** The running api (Nest app, port, ...). */
  api: RunningApi;
  /** The env the api was started with. */
  env: Record<string, string>;
  /** A fresh browser (own cookie jar), not signed in yet: call `await browser.signIn()`. */
  browser(): BrowserAgent;
  /** Every JSON log line the api wrote so far. */
  logLines(): string[];
  close(): Promise<void>;
}

/** Binds host:port and lets go again; resolves with the bound port, or the error code when it is taken. */
function tryBind(port: number, host: string): Promise<number | string> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
    server.listen(port, host, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A TCP port free on 127.0.0.1 and on [::1] (the api holds both; it needs its port before start: the
 * simulator's redirect URI names it). A machine without IPv6 loopback only needs 127.0.0.1.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await tryBind(0, '127.0.0.1');
    if (typeof port !== 'number') throw new Error(`cannot bind 127.0.0.1: ${port}`);
    const v6 = await tryBind(port, '::1');
    if (typeof v6 === 'number' || v6 === 'EADDRNOTAVAIL' || v6 === 'EAFNOSUPPORT') return port;
  }
  throw new Error('no port free on both 127.0.0.1 and [::1] after 20 tries');
}

/**
 * The real api and the real simulator on ephemeral ports, with a private temp DATA_DIR and LOG_FILE.
 * Always `await stack.close()` (afterAll).
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-api-test-'));
  const logFile = join(dataDir, 'api.log');
  const port = options.env?.['PORT'] ? Number(options.env['PORT']) : await freePort();
  const sim = await startSimulator({ port: 0, redirectUri: `http://localhost:${port}/callback`, ...options.sim });
  const env: Record<string, string> = {
    HOME: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(dataDir, 'data'),
    LOG_FILE: logFile,
    LOG_STDOUT: 'false',
    LOG_LEVEL: 'debug',
    UPSTOX_SIM_URL: sim.url,
    // Upstox's instrument files come from the simulator (it serves assets.upstox.com's paths), never the internet.
    UPSTOX_ASSETS_URL: sim.url,
    UPSTOX_TIMEOUT_MS: '5000',
    // Generous inbound limits so fuzz and flood tests measure the outbound limiter, not ours; the
    // rate-limit test sets its own.
    DESK_RATE_LIMIT_PER_SECOND: '10000',
    DESK_RATE_LIMIT_PER_MINUTE: '1000000',
    // Tests count Upstox calls: the live mirror's periodic last-price read is on only where a test asks for it.
    ACCOUNT_PRICE_REFRESH_MS: '0',
    ...options.env,
  };
  let api: RunningApi;
  try {
    api = await createApiApp(env, { imports: options.imports });
  } catch (error) {
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const logPath = env['LOG_FILE'];
  return {
    apiUrl: api.url,
    sim,
    simUrl: sim.url,
    loginToken: api.loginToken,
    dataDir: api.dataDir,
    logFile: logPath,
    api,
    env,
    browser: () => new BrowserAgent(api.url, api.loginToken),
    logLines: () =>
      existsSync(logPath)
        ? readFileSync(logPath, 'utf8')
            .split('\n')
            .filter((line) => line.trim() !== '')
        : [],
    close: async () => {
      await api.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
