// Lets `npm start` skip Nx entirely when nothing changed since the last build: asking Nx's cache costs about two
// seconds (it computes the project graph and hashes every input), the mtime walk below a few tens of milliseconds.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INPUT_DIRS = ['apps', 'libs'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.base.json', 'nx.json'];
const SKIP = new Set(['node_modules', 'dist', '.nx', 'tmp', 'web-e2e']);
/** What each built project leaves behind; a missing output means the build must run. */
const OUTPUTS = {
  api: 'dist/apps/api/main.js',
  'upstox-sim': 'dist/apps/upstox-sim/main.js',
  web: 'dist/apps/web/browser/index.html',
};

// A folder's own mtime changes when a file in it is removed or renamed, which no remaining file's mtime shows.
function newestIn(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The newest modification time among the build's inputs (sources, configs, the lock file). */
export function newestInput(root) {
  let newest = 0;
  for (const dir of INPUT_DIRS) newest = Math.max(newest, newestIn(join(root, dir)));
  for (const file of INPUT_FILES) if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

const stampFile = (root) => join(root, 'dist', '.desk-build-stamp.json');

const outputTime = (root, project) => statSync(join(root, OUTPUTS[project])).mtimeMs;

/**
 * True when every project was built after the newest input changed, and its output is still the one that build
 * wrote: an output rebuilt by other means (e.g. a development build of the dashboard) has another mtime, and
 * then Nx decides.
 */
export function upToDate(root, projects) {
  if (process.env.DESK_FORCE_BUILD === 'true' || !existsSync(stampFile(root))) return false;
  const stamp = JSON.parse(readFileSync(stampFile(root), 'utf8'));
  const built = (p) => stamp.projects?.includes(p) && OUTPUTS[p] && existsSync(join(root, OUTPUTS[p])) && stamp.outputs?.[p] === outputTime(root, p);
  if (!projects.every(built)) return false;
  return newestInput(root) <= stamp.newestInput;
}

/** Records a successful build of `projects` from inputs as new as `newest` (taken before the build started). */
export function writeStamp(root, projects, newest) {
  const outputs = Object.fromEntries(projects.map((p) => [p, outputTime(root, p)]));
  writeFileSync(stampFile(root), JSON.stringify({ projects, newestInput: newest, outputs, builtAt: new Date().toISOString() }) + '\n');
}
