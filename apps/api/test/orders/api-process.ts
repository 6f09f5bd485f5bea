import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The workspace root (the built api resolves node_modules from here, and serves paths relative to it). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
export const BUILT_API_MAIN = join(WORKSPACE_ROOT, 'dist/apps/api/main.js');

/** Source folders bundled into the api build (the web libs are not). */
const API_SOURCES = ['apps/api/src', 'libs/api', 'libs/upstox/client', 'libs/contracts'];

function newestSourceMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') newest = Math.max(newest, newestSourceMtime(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/**
 * The test kills a REAL process, so it needs the built api. Builds it (`nx build api`, ~15 s) when
 * dist/apps/api/main.js is missing or older than any api source file, so a stale bundle is never tested.
 */
export function ensureBuiltApi(): void {
  const newest = Math.max(...API_SOURCES.map((d) => newestSourceMtime(join(WORKSPACE_ROOT, d))));
  if (existsSync(BUILT_API_MAIN) && statSync(BUILT_API_MAIN).mtimeMs >= newest) return;
  const build = spawnSync('npx', ['nx', 'build', 'api', '--outputStyle=static'], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false', NX_TUI: 'false' },
  });
  if (build.status !== 0 || !existsSync(BUILT_API_MAIN)) {
    throw new Error(`npx nx build api failed (${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`);
  }
}

/**
 * A private copy of the built bundle (under the workspace's git-ignored tmp/, so node_modules and nx.json
 * resolve as from dist/): a concurrent `nx build api` (e.g. for the browser tests) cleans dist/apps/api
 * and must not pull the bundle away between two starts. Remove it with `removeApiCopy`.
 */
export function copyBuiltApi(): string {
  const dir = join(WORKSPACE_ROOT, 'tmp', `orders-kill-api-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const main = join(dir, 'main.js');
  copyFileSync(BUILT_API_MAIN, main);
  return main;
}

export function removeApiCopy(main: string): void {
  rmSync(resolve(main, '..'), { recursive: true, force: true });
}

/**
 * `node <built api main.js>` as a child process: started on a fixed env (same PORT and DATA_DIR on
 * every start, so the dashboard's cookies and origin stay valid), killed with SIGKILL (no shutdown
 * hooks, no flush: whatever was not committed is gone, like a power cut or the OOM killer).
 */
export class ApiProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  starts = 0;

  constructor(
    private readonly main: string,
    private readonly env: () => Record<string, string>,
  ) {}

  get running(): boolean {
    return this.child !== null;
  }

  /** Starts the api and resolves when it listens (its startup banner on stdout). */
  async start(timeoutMs = 30_000): Promise<string> {
    if (this.child) throw new Error('api process already running');
    this.starts++;
    this.output = '';
    const child = spawn(process.execPath, [this.main], {
      cwd: WORKSPACE_ROOT,
      env: this.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((done) => child.once('exit', () => done()));
    void this.exited.then(() => {
      if (this.child === child) this.child = null;
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const listening = /Upstox Desk is running on (http:\/\/\S+)/.exec(this.output);
      if (listening) return listening[1];
      if (!this.child) throw new Error(`the api exited during startup:\n${this.output}`);
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`the api did not start within ${timeoutMs} ms:\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** SIGKILL, then wait until the process is gone (its port and database handles are released). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
    this.child = null;
  }

  /** stdout + stderr of the current (or last) run, for failure messages. */
  get log(): string {
    return this.output;
  }
}
