/**
 * Loads a cached instrument file and indexes it in a fresh Node process (no jest, nothing else in the heap), and
 * prints the time and the memory the list adds: `node -r ts-node/register/transpile-only --expose-gc
 * instrument-load.ts <file.json.gz>` -> one JSON line on stdout.
 */
import { createReadStream } from 'node:fs';
import { parseInstrumentStream } from '../../libs/upstox/client/src/lib/instrument-file-stream';
import { InstrumentIndex } from '../../libs/api/orders/src/lib/instruments/instrument-index';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function memory(): { rssMb: number; heapMb: number } {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { rssMb: m.rss / 1048576, heapMb: m.heapUsed / 1048576 };
}

async function main(): Promise<void> {
  const before = memory();
  let t = performance.now();
  const { instruments } = await parseInstrumentStream(createReadStream(process.argv[2]), true);
  const parseMs = performance.now() - t;
  t = performance.now();
  const index = new InstrumentIndex(instruments);
  const indexMs = performance.now() - t;
  instruments.length = 0;
  const after = memory();
  console.log(JSON.stringify({ parseMs, indexMs, size: index.size, before, after, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

void main();
