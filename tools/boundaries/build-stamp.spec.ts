import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * tools/build-stamp.mjs decides whether `npm start` may skip the build. Each case builds a small project tree, stamps
 * it as built, changes one thing and asks again (in a plain Node process: the module is ESM).
 */
const STAMP_MODULE = join(__dirname, '..', 'build-stamp.mjs');

/**
 * An hour before the file system's clock, in seconds: a new file's mtime, not Date.now(). The two differ under
 * libfaketime (the clock test runs), and the edits below get the file system's time.
 */
function hourBeforeFileSystemNow(root: string): number {
  const probe = join(root, '.now');
  writeFileSync(probe, '');
  const now = statSync(probe).mtimeMs;
  unlinkSync(probe);
  return (now - 3_600_000) / 1000;
}

function upToDate(root: string, stampFirst: boolean): boolean {
  const script =
    `import { newestInput, upToDate, writeStamp } from ${JSON.stringify(STAMP_MODULE)};\n` +
    (stampFirst ? `writeStamp(${JSON.stringify(root)}, ['api'], newestInput(${JSON.stringify(root)}));\n` : '') +
    `process.stdout.write(String(upToDate(${JSON.stringify(root)}, ['api'])));`;
  const env = { ...process.env };
  delete env['DESK_FORCE_BUILD'];
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env }) === 'true';
}

/** A tree whose every file and folder is an hour old, with the api's output in place. */
function oldTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'desk-stamp-'));
  const hourAgo = hourBeforeFileSystemNow(root);
  const files = ['apps/api/src/main.ts', 'libs/api/orders/src/index.ts', 'libs/api/orders/src/extra.ts', 'package.json', 'dist/apps/api/main.js'];
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '// built\n');
  }
  for (const path of [...files, 'apps/api/src', 'apps/api', 'apps', 'libs/api/orders/src', 'libs/api/orders', 'libs/api', 'libs']) {
    utimesSync(join(root, path), hourAgo, hourAgo);
  }
  return root;
}

describe('build stamp (npm start skips the build only when nothing changed)', () => {
  let root: string;
  beforeEach(() => {
    root = oldTree();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('nothing changed since the stamped build: up to date', () => {
    expect(upToDate(root, true)).toBe(true);
    expect(upToDate(root, false)).toBe(true);
  });

  it('a source edited after the build: not up to date', () => {
    upToDate(root, true);
    writeFileSync(join(root, 'libs/api/orders/src/index.ts'), '// edited\n');
    expect(upToDate(root, false)).toBe(false);
  });

  it('a source removed after the build (no remaining file is newer): not up to date', () => {
    upToDate(root, true);
    unlinkSync(join(root, 'libs/api/orders/src/extra.ts'));
    expect(upToDate(root, false)).toBe(false);
  });

  it('the output replaced by another build (e.g. a development build): not up to date', () => {
    upToDate(root, true);
    writeFileSync(join(root, 'dist/apps/api/main.js'), '// another build\n');
    expect(upToDate(root, false)).toBe(false);
  });

  it('the output removed: not up to date', () => {
    upToDate(root, true);
    unlinkSync(join(root, 'dist/apps/api/main.js'));
    expect(upToDate(root, false)).toBe(false);
  });
});
