import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

/** Writes one results file under bench/results/ (markdown, committed by hand when worth keeping). */
export function writeResult(name: string, lines: string[]): string {
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.md`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export function environmentLine(): string {
  return `Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString()}`;
}

/**
 * The 1 and 5 minute load averages: the machine is shared (other engineers' jobs too), so a figure is only
 * meaningful next to how busy it was.
 */
export function loadAverageText(): string {
  const [one, five] = loadavg();
  return `${one.toFixed(2)} (1 min) / ${five.toFixed(2)} (5 min)`;
}

export function coresText(): string {
  return `${cpus().length} cores, shared by the api, the simulator, the load generator and whatever else runs on the machine`;
}

/** The commit measured, and whether the working tree had uncommitted changes (a shared tree). */
export function treeLine(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: __dirname, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: __dirname, encoding: 'utf8' }).split('\n').filter(Boolean).length;
    return dirty ? `commit ${head} plus ${dirty} uncommitted tracked file(s) in the working tree` : `commit ${head}`;
  } catch {
    return 'commit unknown (no git)';
  }
}
