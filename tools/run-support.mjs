// Shared by `npm start` and `npm run simulator`: build with Nx, load .env, run children.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestInput, upToDate, writeStamp } from './build-stamp.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Values from `.env` (if present) fill in what the shell did not set. */
export function loadDotEnv() {
  const file = join(root, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

const nxEnv = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false', NX_TUI: 'false' };

/** Builds the given projects; Nx's cache makes this quick when nothing changed. */
export function build(projects) {
  if (upToDate(root, projects)) {
    console.log(`${projects.join(', ')}: built, nothing changed since (DESK_FORCE_BUILD=true rebuilds).`);
    return;
  }
  const newest = newestInput(root);
  console.log(`Building ${projects.join(', ')} (cached after the first time)...`);
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', ...projects, '--outputStyle=static'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...nxEnv },
  });
  if (result.status !== 0) {
    console.error(`Build failed. Run: npx nx run-many -t build -p ${projects.join(' ')}  to see why.`);
    process.exit(result.status ?? 1);
  }
  writeStamp(root, projects, newest);
}

/** Starts a node program; when any child exits, the others are stopped and we exit with its code. */
const children = new Set();
let stopping = false;
let exitCode = 0;

export function run(name, script, env) {
  const child = spawn(process.execPath, [join(root, script)], { cwd: root, stdio: 'inherit', env });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
      stopAll(code ?? 1);
    } else if (children.size === 0) {
      process.exit(exitCode);
    }
  });
  return child;
}

/** Asks every child to shut down (they close their databases and sockets), then exits when they are gone. */
export function stopAll(code = 0) {
  stopping = true;
  exitCode = code;
  if (children.size === 0) process.exit(code);
  for (const child of children) child.kill('SIGTERM');
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

/** Waits until `url` answers 2xx (another program on the port does not count), or fails after `ms`. */
export async function waitForHttp(url, ms = 15000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}
