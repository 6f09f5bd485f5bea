import { mkdirSync, writeFileSync } from 'node:fs';
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
