import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { pathToFileURL } from 'node:url';
/**
 * Groups a V8 CPU profile (inspector `Profiler.stop`) into the stages of a request, so a benchmark can say where
 * the time went. Each sample's self time goes to the code it ran in; time in Node's own code or native functions
 * (no file of ours or of a package) goes to the nearest caller that has one, e.g. an fsync called by the journal is
 * the journal's, a socket write called by the upstox client is the client's.
 */
export interface CpuProfileNode {
  id: number;
  /** lineNumber and columnNumber are 0-based. */
  callFrame: { functionName: string; url: string; lineNumber?: number; columnNumber?: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
export interface StageShare {
  stage: string;
  ms: number;
  share: number;
}

/** First match wins: the most specific paths first. */
const STAGES: [string, RegExp][] = [
  ['Simulator (serves both sides; not the desk)', /libs\/upstox\/simulator|\/apps\/upstox-sim/],
  ['Desk: access guards (API key, origin, scope, rate limit)', /libs\/api\/access/],
  ['Desk: validation (DTO, class-validator, order rules)', /class-validator|class-transformer|\/dto\/|libs\/contracts/],
  ['Desk: journal and SQLite', /libs\/api\/orders\/src\/lib\/journal|better-sqlite3|sqlite-database/],
  ['Desk: instrument lookup', /libs\/api\/orders\/src\/lib\/instruments|instrument-file/],
  ['Desk: connection (decrypt, session)', /libs\/api\/connection|secret-box/],
  ['Desk: order gates and submission', /libs\/api\/orders/],
  ['Desk: account mirror and events', /libs\/api\/account|libs\/api\/events/],
  ['Desk: market feed (subscriptions by need, quotes)', /libs\/api\/market/],
  ['Desk: Upstox client (limiter, HTTP to the broker)', /libs\/upstox\/client|undici|axios|follow-redirects|form-data|proxy-from-env/],
  ['Desk: logging (pino, redaction)', /pino|sonic-boom|fast-redact|fast-safe-stringify|\/logging\//],
  ['Desk: core (filter, HTTP pipeline, config)', /libs\/api\/core/],
  ['Nest (routing, guards, pipes, interceptors)', /@nestjs|rxjs|reflect-metadata/],
  ['Express (router, body parser, helmet)', /express|body-parser|router|finalhandler|helmet|raw-body|iconv-lite|qs\/|send\/|cookie/],
  ['Test harness (jest, ts-jest)', /jest|ts-jest|source-map/],
];
const GC = 'Garbage collection';
const OTHER = 'Other packages';
const PROFILER = 'The profiler itself';
const RUNTIME = 'Node runtime (sockets, HTTP parsing, timers, not attributed)';

/** Where a frame's code came from: its url, or for a bundle (the built api) the source file its source map names. */
export type SourceOf = (frame: CpuProfileNode['callFrame']) => string;

/** Reads a bundle's `.map` so that frames in it are grouped by the file they were built from. */
export function bundleSources(bundleFile: string): SourceOf {
  const map = new SourceMap(JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')));
  const bundleUrl = pathToFileURL(bundleFile).href;
  return (frame) => {
    if (frame.url !== bundleUrl && frame.url !== bundleFile) return frame.url;
    const entry = map.findEntry(frame.lineNumber ?? 0, frame.columnNumber ?? 0) as { originalSource?: string };
    return entry.originalSource ?? frame.url;
  };
}

function own(frame: CpuProfileNode['callFrame'], sourceOf: SourceOf): string | null {
  if (frame.functionName === '(garbage collector)') return GC;
  // The profiler's own session (collecting the profile at the end) is not the measured work.
  if (frame.url === 'node:inspector') return PROFILER;
  if (!frame.url || frame.url.startsWith('node:')) return null;
  const source = sourceOf(frame);
  for (const [stage, pattern] of STAGES) if (pattern.test(source)) return stage;
  return OTHER;
}

export function profileStages(
  profile: CpuProfile,
  sourceOf: SourceOf = (frame) => frame.url,
): { stages: StageShare[]; sampledMs: number; unattributed: { url: string; ms: number }[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const nodeOf = (id: number): CpuProfileNode => {
    const node = byId.get(id);
    if (!node) throw new Error(`profile node ${id} is missing`);
    return node;
  };
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stageOf = new Map<number, string | null>();
  const resolve = (id: number): string | null => {
    if (stageOf.has(id)) return stageOf.get(id) ?? null;
    const node = nodeOf(id);
    const name = node.callFrame.functionName;
    const parentId = parent.get(id);
    let stage: string | null;
    if (name === '(idle)' || name === '(root)') stage = null;
    else if (name === '(program)') stage = RUNTIME;
    else stage = own(node.callFrame, sourceOf) ?? (parentId !== undefined ? resolve(parentId) : null) ?? RUNTIME;
    stageOf.set(id, stage);
    return stage;
  };
  const totals = new Map<string, number>();
  const others = new Map<string, number>();
  let busy = 0;
  let sampled = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    sampled += micros;
    const stage = resolve(id);
    if (!stage || stage === PROFILER) return;
    busy += micros;
    totals.set(stage, (totals.get(stage) ?? 0) + micros);
    if (stage === OTHER) {
      const url = sourceOf(nodeOf(id).callFrame).replace(/^.*node_modules\//, '');
      others.set(url, (others.get(url) ?? 0) + micros);
    }
  });
  const stages = [...totals.entries()]
    .map(([stage, micros]) => ({ stage, ms: micros / 1000, share: busy ? micros / busy : 0 }))
    .sort((a, b) => b.ms - a.ms);
  const unattributed = [...others.entries()]
    .map(([url, micros]) => ({ url, ms: micros / 1000 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8);
  return { stages, sampledMs: sampled / 1000, unattributed };
}
