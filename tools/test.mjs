// `npm test`: lint, type checks and every test project (unit, api, browser), then one closing
// line that adds up the tests of every runner: "tests: N passed, N failed".
import { spawn } from 'node:child_process';
import { root } from './run-support.mjs';

const targets = process.argv.slice(2).length ? process.argv.slice(2) : ['lint', 'typecheck', 'test', 'e2e'];
const child = spawn('npx', ['nx', 'run-many', '-t', ...targets, '--outputStyle=stream-without-prefixes'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false', NX_TUI: 'false', FORCE_COLOR: '0' },
});

let passed = 0;
let failed = 0;
let skipped = 0;
const ansi = /\x1b\[[0-9;]*m/g;
function scan(text) {
  for (const raw of text.split('\n')) {
    const line = raw.replace(ansi, '');
    const jest = /^Tests:\s+(.*)\b(\d+) total/.exec(line);
    if (jest) {
      passed += Number(/(\d+) passed/.exec(jest[1])?.[1] ?? 0);
      failed += Number(/(\d+) failed/.exec(jest[1])?.[1] ?? 0);
      skipped += Number(/(\d+) (?:skipped|todo)/.exec(jest[1])?.[1] ?? 0);
      continue;
    }
    const pw = /^\s+(\d+) (passed|failed|flaky|skipped)( \(|$)/.exec(line);
    if (pw) {
      const n = Number(pw[1]);
      if (pw[2] === 'passed') passed += n;
      else if (pw[2] === 'skipped') skipped += n;
      else failed += n;
    }
  }
}
let buffer = '';
for (const stream of [child.stdout, child.stderr]) {
  stream.on('data', (chunk) => {
    const text = chunk.toString();
    (stream === child.stdout ? process.stdout : process.stderr).write(text);
    buffer += text;
    const cut = buffer.lastIndexOf('\n');
    if (cut >= 0) {
      scan(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 1);
    }
  });
}
child.on('exit', (code) => {
  scan(buffer);
  console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code ?? 1);
});
