import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { BrowserAgent } from '../../apps/api/test/support/browser-agent';
import { freePort } from '../../apps/api/test/support/stack';
import { connect, waitFor } from '../../apps/api/test/orders/orders-harness';
import { LoadChild } from './rpc';

/**
 * The product as `npm start` runs it: the built simulator and the built api, each in its own process (the api in
 * bench/load/api-process.ts, which adds the benchmark's probes), signed in and, unless asked not to, connected to
 * the simulator. Unlike the api test harness, nothing shares the jest process, so a figure measured here is the
 * product's.
 */
export interface BuiltStack {
  apiUrl: string;
  simUrl: string;
  /** The Upstox token of the connection ('' when not connected). */
  accessToken: string;
  browser: BrowserAgent;
  api: LoadChild;
  /** The api's DATA_DIR (kept across `restartApi`). */
  dataDir: string;
  /** Stops the api process and starts a new one on the same port and DATA_DIR, signed in again. */
  restartApi(): Promise<void>;
  close(): Promise<void>;
}

export interface BuiltStackOptions {
  /** Extra env for the api. */
  api?: Record<string, string>;
  /** Extra env for the simulator (UPSTOX_SIM_*). */
  sim?: Record<string, string>;
  /** Connect to the simulator with a pasted token and wait for the live mirror (default true). */
  connect?: boolean;
}

const ROOT = join(__dirname, '..', '..');
const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false', NX_TUI: 'false' };

/** Builds the api and the simulator (Nx skips what is current), unless BENCH_SKIP_BUILD=true. */
export function buildServers(): void {
  if (process.env['BENCH_SKIP_BUILD'] === 'true') return;
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'upstox-sim', '--outputStyle=static'], {
    cwd: ROOT,
    env: { ...process.env, ...NX_ENV },
    stdio: 'ignore',
  });
}

async function waitForHttp(url: string, what: string): Promise<void> {
  await waitFor(what, () => fetch(url).then((r) => r.ok, () => false), 30_000);
}

export async function startBuiltStack(options: BuiltStackOptions = {}): Promise<BuiltStack> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-'));
  const port = await freePort();
  const simPort = await freePort();
  const simUrl = `http://127.0.0.1:${simPort}`;
  const apiUrl = `http://localhost:${port}`;
  const loginToken = randomBytes(32).toString('base64url');
  const apiEnv = {
    HOME: dir,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(dir, 'data'),
    LOG_FILE: join(dir, 'api.log'),
    LOG_STDOUT: 'false',
    LOG_LEVEL: 'info',
    DESK_LOGIN_TOKEN: loginToken,
    UPSTOX_SIM_URL: simUrl,
    UPSTOX_ASSETS_URL: simUrl,
    ...options.api,
  };
  let sim: BuiltSimulator | null = null;
  const stack: BuiltStack = {
    apiUrl,
    simUrl,
    accessToken: '',
    browser: new BrowserAgent(apiUrl, loginToken),
    api: null as unknown as LoadChild,
    dataDir: apiEnv.DATA_DIR,
    restartApi: async () => {
      await stack.api?.close();
      await startApi();
    },
    close: async () => {
      await stack.api?.close();
      await sim?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const startApi = async () => {
    stack.api = await LoadChild.start('api-process', apiEnv, { quiet: true });
    await waitForHttp(`${apiUrl}/api/health`, 'the api');
    stack.browser = new BrowserAgent(apiUrl, loginToken);
    await stack.browser.signIn();
  };
  try {
    sim = await startBuiltSimulator(simPort, { UPSTOX_SIM_REDIRECT_URI: `${apiUrl}/callback`, ...options.sim });
    await startApi();
    if (options.connect !== false) {
      stack.accessToken = await connect(stack.browser, simUrl);
      await waitFor('the live account mirror', async () => (await stack.browser.api('GET', '/api/orders')).body?.source === 'stream', 15_000);
    }
    return stack;
  } catch (error) {
    await stack.close();
    throw error;
  }
}

export interface BuiltSimulator {
  url: string;
  close(): Promise<void>;
}

/** The built simulator alone, in its own process, on `port` (0: a free one). */
export async function startBuiltSimulator(port = 0, env: Record<string, string> = {}): Promise<BuiltSimulator> {
  const simPort = port || (await freePort());
  const url = `http://127.0.0.1:${simPort}`;
  const proc: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'upstox-sim', 'main.js')], {
    cwd: ROOT,
    stdio: 'ignore',
    env: { ...process.env, UPSTOX_SIM_PORT: String(simPort), ...env },
  });
  const close = async () => {
    if (proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  };
  try {
    await waitForHttp(`${url}/__sim/app`, 'the simulator');
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}
