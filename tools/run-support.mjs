// Shared by `npm start` and `npm run simulator`: build with Nx, load .env, run children.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Values from `.env` (if present) fill in what the shell did not set. */
export function loadDotEnv() {
  const file = join(root, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

const nxEnv = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false', NX_TUI: 'false' };

/** Builds the given projects; Nx's cache makes this quick when nothing changed. */
export function build(projects) {
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
}

/** Starts a node program; when any child exits, the others are stopped and we exit with its code. */
const children = new Set();
export function run(name, script, env) {
  const child = spawn(process.execPath, [join(root, script)], { cwd: root, stdio: 'inherit', env });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
      stopAll(code ?? 1);
    }
  });
  return child;
}

let stopping = false;
export function stopAll(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 200).unref();
  if (children.size === 0) process.exit(code);
  const check = setInterval(() => {
    if (children.size === 0) process.exit(code);
  }, 50);
  check.unref();
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

/** Waits until `url` answers (any HTTP status), or fails after `ms`. */
export async function waitForHttp(url, ms = 15000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}
