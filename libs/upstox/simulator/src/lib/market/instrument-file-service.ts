import { gzipSync } from 'node:zlib';
import { istTimeOnSameDay } from '../clock';
import type { SimClock } from '../clock';
import type { InstrumentRecord, SimInstrument } from './instruments';
import { generateFullInstrumentFile } from './universe/full-instrument-file';

export type InstrumentFileSize = 'full' | 'demo';
/** How the next download(s) fail: an HTTP 500, a gzip cut in half (Content-Length matches the cut), or bytes flipped. */
export type InstrumentFileFailure = 'status' | 'truncated' | 'corrupt';

const DAY_MS = 24 * 3600_000;

/**
 * `complete.json.gz` as assets.upstox.com serves it: the full-size generated file or the demo list, built once on
 * first request and kept gzipped in memory. Its date (Last-Modified) is the last 06:00 IST regeneration before the
 * simulator clock's "now" at first build; the control API can move it a day on (Upstox's daily regeneration) and
 * make the next downloads fail.
 */
export class InstrumentFileService {
  private gz: Buffer | null = null;
  private dateMs: number | null = null;
  private failure: { kind: InstrumentFileFailure; remaining: number } | null = null;
  private downloads = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly demo: () => readonly SimInstrument[],
    private readonly seed: number,
    private size: InstrumentFileSize,
  ) {}

  /** The file's bytes and date, building them on first use. */
  file(): { gz: Buffer; dateMs: number; size: InstrumentFileSize } {
    if (!this.gz) {
      const now = this.clock.now();
      this.dateMs ??= lastRegeneration(now);
      const records: InstrumentRecord[] =
        this.size === 'full' ? generateFullInstrumentFile(this.demo(), now, this.seed) : this.demo().map((i) => i.record);
      this.gz = gzipSync(JSON.stringify(records));
    }
    return { gz: this.gz, dateMs: this.dateMs as number, size: this.size };
  }

  /** Counts a download and returns the failure it must suffer, if one is armed. */
  takeDownload(): InstrumentFileFailure | null {
    this.downloads++;
    if (!this.failure) return null;
    const kind = this.failure.kind;
    if (--this.failure.remaining <= 0) this.failure = null;
    return kind;
  }

  failNext(kind: InstrumentFileFailure, count: number): void {
    this.failure = { kind, remaining: count };
  }

  /** Upstox regenerated the file: its date moves one day on (the bytes stay; expiries are not rolled). */
  bumpDate(): number {
    this.file();
    this.dateMs = (this.dateMs as number) + DAY_MS;
    return this.dateMs;
  }

  /** Switching size rebuilds on the next request. */
  setSize(size: InstrumentFileSize): void {
    if (size === this.size) return;
    this.size = size;
    this.gz = null;
  }

  state(): { size: InstrumentFileSize; date: string | null; fail_next: string | null; downloads: number; bytes: number | null } {
    return {
      size: this.size,
      date: this.dateMs === null ? null : new Date(this.dateMs).toISOString(),
      fail_next: this.failure ? `${this.failure.kind} x${this.failure.remaining}` : null,
      downloads: this.downloads,
      bytes: this.gz?.length ?? null,
    };
  }

  /** Control reset: no armed failure, no download count; the built bytes and the date stay (costly to rebuild). */
  reset(): void {
    this.failure = null;
    this.downloads = 0;
  }
}

/** 06:00 IST today when that has passed, else yesterday's. */
export function lastRegeneration(nowMs: number): number {
  const today = istTimeOnSameDay(nowMs, 6, 0);
  return today <= nowMs ? today : today - DAY_MS;
}
