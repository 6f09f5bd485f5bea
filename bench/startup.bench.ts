import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { freePort } from '../apps/api/test/support/stack';
import { ms, summarize } from './load/stats';
import { coresText, environmentLine, loadAverageText, writeResult } from './report';

/**
 * Issue 10 goal 4: `npm start` to serving, after the first build (goal ≤ 3 s), and the SPA's JavaScript to a working
 * dashboard: the initial chunks plus the dashboard route's, gzip -9 (goal ≤ 120 kB). The bundle figure comes from a
 * production build with esbuild's metafile (`nx build web --stats-json`): from main.ts and from the dashboard page,
 * every chunk reached by static imports. Chunks loaded on demand (dialogs, the chart, the virtual scroller past 50
 * orders, the API keys panel once idle) are listed, not counted.
 */
const ROOT = join(__dirname, '..');
const RUNS = Number(process.env['BENCH_START_RUNS'] ?? 5);
const GOALS = { startMs: 3_000, dashboardJsBytes: 120_000 };
const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false', NX_TUI: 'false' };

interface Output {
  bytes: number;
  entryPoint?: string;
  imports: { path: string; kind: string }[];
}

function gzipBytes(file: string): number {
  return gzipSync(readFileSync(join(ROOT, 'dist', 'apps', 'web', 'browser', file.split('/').pop() as string)), { level: 9 }).length;
}

function dashboardJavaScript(): { initial: number; route: number; lazy: { name: string; gzip: number }[] } {
  execFileSync('npx', ['nx', 'build', 'web', '--stats-json', '--skip-nx-cache', '--outputStyle=static'], { cwd: ROOT, env: { ...process.env, ...NX_ENV }, stdio: 'ignore' });
  const outputs = JSON.parse(readFileSync(join(ROOT, 'dist', 'apps', 'web', 'stats.json'), 'utf8')).outputs as Record<string, Output>;
  const closure = (start: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      const name = stack.pop() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      for (const imp of outputs[name].imports) if (imp.kind === 'import-statement' && outputs[imp.path]) stack.push(imp.path);
    }
    return seen;
  };
  const entry = (suffix: string): string => {
    const found = Object.keys(outputs).find((n) => outputs[n].entryPoint?.endsWith(suffix));
    if (!found) throw new Error(`no chunk for ${suffix}`);
    return found;
  };
  const initial = closure(entry('apps/web/src/main.ts'));
  const route = new Set([...closure(entry('dashboard/dashboard-page.ts'))].filter((n) => !initial.has(n)));
  const js = (names: Iterable<string>) => [...names].filter((n) => n.endsWith('.js')).reduce((sum, n) => sum + gzipBytes(n), 0);
  const lazy = Object.keys(outputs)
    .filter((n) => n.endsWith('.js') && !initial.has(n) && !route.has(n))
    .map((n) => ({ name: outputs[n].entryPoint?.split('/').pop() ?? n.split('/').pop() ?? n, gzip: gzipBytes(n) }))
    .sort((a, b) => b.gzip - a.gzip);
  return { initial: js(initial), route: js(route), lazy };
}

async function timeStart(): Promise<number> {
  const port = await freePort();
  const simPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-start-'));
  const started = performance.now();
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true, // its own process group: stopped as a whole below
    stdio: 'ignore',
    env: { ...process.env, PORT: String(port), UPSTOX_SIM_PORT: String(simPort), DATA_DIR: dataDir },
  });
  try {
    for (;;) {
      const ok = await fetch(`http://localhost:${port}/api/health`).then((r) => r.ok, () => false);
      if (ok) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error('npm start did not serve within 60 s');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGINT');
    await new Promise((r) => setTimeout(r, 1_500));
    if (child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('start-up benchmark', () => {
  it(`npm start to serving (${RUNS} runs after a build) and the dashboard's JavaScript`, async () => {
    const loadBefore = loadAverageText();
    const bundle = dashboardJavaScript();
    await timeStart(); // the first start after the build above writes the build stamp (nothing changed since)
    const starts: number[] = [];
    for (let i = 0; i < RUNS; i++) starts.push(await timeStart());
    const s = summarize(starts);
    const total = bundle.initial + bundle.route;
    const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
    const verdict = { start: s.max <= GOALS.startMs, bundle: total <= GOALS.dashboardJsBytes };
    const lines = [
      '# Start-up benchmark (issue 10, goal 4)',
      '',
      `${environmentLine()}; ${coresText()}; load average before ${loadBefore}, after ${loadAverageText()}.`,
      '',
      '| Figure | Goal | Result | |',
      '|---|---|---|---|',
      `| \`npm start\` to \`GET /api/health\` 200, after a build (${RUNS} runs) | ≤ 3 s | p50 ${ms(s.p50, 0)}, max ${ms(s.max, 0)} | ${verdict.start ? 'met' : 'missed'} |`,
      `| JavaScript to a working dashboard, gzip -9: initial + dashboard route | ≤ 120 kB | ${kB(total)} (initial ${kB(bundle.initial)}, route ${kB(bundle.route)}) | ${verdict.bundle ? 'met' : 'missed'} |`,
      '',
      `Loaded on demand, not counted: ${bundle.lazy.map((l) => `${l.name} ${kB(l.gzip)}`).join(', ')}.`,
      '',
      'Where the start-up time went: `npm start` asked Nx whether anything needed building (project graph and input hashing) before starting the simulator and the api. Side by side on this machine (1 Dec 2026, busy): 4.8 s with that check, 1.1-1.5 s without; it now skips Nx when no input is newer than its last build (tools/build-stamp.mjs; DESK_FORCE_BUILD=true builds anyway).',
    ];
    console.log(`wrote ${writeResult('startup', lines)}`);
    expect(verdict).toEqual({ start: true, bundle: true });
  });
});
