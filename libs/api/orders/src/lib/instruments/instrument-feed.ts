import { Logger } from '@nestjs/common';
import { Clock } from '@desk/api/core';
import { InstrumentFileLoader } from '@desk/upstox/client';
import { InstrumentCache } from './instrument-cache';
import { InstrumentIndex } from './instrument-index';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const IST_OFFSET_MS = 330 * 60_000;
/** Upstox regenerates its files around 06:00 IST; we ask a quarter of an hour later. */
const DAILY_CHECK_IST_MINUTES = 6 * 60 + 15;
/** After a failed download, the next need tries again no sooner than this. */
export const RETRY_AFTER_FAILURE_MS = 15 * 60_000;

export interface LoadedList {
  index: InstrumentIndex;
  /** The file's date (Last-Modified at the source, or the file's mtime). */
  asOf: Date;
}

export interface FeedStatus {
  list: LoadedList | null;
  downloading: boolean;
  progress: { receivedBytes: number; totalBytes: number | null } | null;
  lastError: { message: string; at: Date } | null;
}

/** The first daily check time (06:15 IST) strictly after `afterMs`. */
export function nextDailyCheck(afterMs: number): number {
  const shifted = afterMs + IST_OFFSET_MS;
  const midnight = shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS);
  const today = midnight + DAILY_CHECK_IST_MINUTES * 60_000 - IST_OFFSET_MS;
  return today > afterMs ? today : today + DAY_MS;
}

/**
 * One downloaded instrument list (Upstox's assets host, or the simulator's): fetched on first need, checked again
 * once a day after Upstox regenerates it (If-Modified-Since, so an unchanged file costs a 304), indexed once per
 * load. A failed download keeps the last good list and records the error; with a cache, the last good file and its
 * date survive restarts. Time comes from the desk's Clock, so tests can move it.
 */
export class InstrumentFeed {
  private readonly logger = new Logger(InstrumentFeed.name);
  private list: LoadedList | null = null;
  private task: Promise<void> | null = null;
  private progress: FeedStatus['progress'] = null;
  private lastError: FeedStatus['lastError'] = null;
  private nextCheckAt = 0;
  private diskTried = false;

  constructor(
    private readonly name: string,
    private readonly url: () => string,
    private readonly loader: InstrumentFileLoader,
    private readonly clock: Clock,
    private readonly cache: InstrumentCache,
    /** Load the cached copy at first need (the Upstox feed; the simulator's list is always fetched fresh). */
    private readonly useCachedCopy: boolean,
  ) {}

  /** The list, downloading it first when there is none; a due daily check runs in the background. */
  async ensure(): Promise<LoadedList | null> {
    if (!this.list && this.useCachedCopy && !this.diskTried) await this.loadCachedCopy();
    if (!this.list) {
      if (this.clock.now().getTime() >= this.nextCheckAt || this.task) await this.refresh();
      return this.list;
    }
    if (this.clock.now().getTime() >= this.nextCheckAt) void this.refresh();
    return this.list;
  }

  /** Starts (or joins) a download in the background without waiting for it. */
  kick(): void {
    void this.ensure().catch(() => undefined);
  }

  status(): FeedStatus {
    return { list: this.list, downloading: this.task !== null, progress: this.progress, lastError: this.lastError };
  }

  /** Resolves when no download is running (tests, the benchmark). */
  async settled(): Promise<void> {
    while (this.task) await this.task;
  }

  private refresh(): Promise<void> {
    this.task ??= this.download().finally(() => {
      this.task = null;
      this.progress = null;
    });
    return this.task;
  }

  private async download(): Promise<void> {
    const url = this.url();
    const temp = this.cache.tempFile();
    const started = this.clock.now();
    this.progress = { receivedBytes: 0, totalBytes: null };
    try {
      const outcome = await this.loader.download(url, {
        ifModifiedSince: this.list?.asOf,
        saveTo: temp,
        onProgress: (receivedBytes, totalBytes) => (this.progress = { receivedBytes, totalBytes }),
      });
      const checkedAt = this.clock.now();
      if (outcome.kind === 'not-modified') {
        this.cache.discard(temp);
        if (this.list) this.cache.writeMeta({ asOf: this.list.asOf.toISOString(), checkedAt: checkedAt.toISOString(), url, instruments: this.list.index.size });
      } else {
        const asOf = outcome.lastModified ?? started;
        const index = new InstrumentIndex(outcome.instruments);
        this.cache.commit(temp, { asOf: asOf.toISOString(), checkedAt: checkedAt.toISOString(), url, instruments: index.size });
        this.list = { index, asOf };
        this.logger.log(`instrument list (${this.name}) downloaded: ${index.size} instruments of ${outcome.rows} rows, dated ${asOf.toISOString()}`);
      }
      this.lastError = null;
      this.nextCheckAt = nextDailyCheck(checkedAt.getTime());
    } catch (error) {
      this.cache.discard(temp);
      const message = (error as Error).message;
      this.lastError = { message, at: this.clock.now() };
      this.nextCheckAt = this.clock.now().getTime() + RETRY_AFTER_FAILURE_MS;
      this.logger.warn(`instrument list (${this.name}) download from ${new URL(url).origin} failed: ${message}`);
    }
  }

  /** The last good download from an earlier run, with its date; a damaged copy is ignored (and logged). */
  private async loadCachedCopy(): Promise<void> {
    this.diskTried = true;
    const meta = this.cache.readMeta();
    if (!meta) return;
    try {
      const { instruments } = await this.loader.readFile(this.cache.file);
      this.list = { index: new InstrumentIndex(instruments), asOf: new Date(meta.asOf) };
      this.nextCheckAt = nextDailyCheck(Date.parse(meta.checkedAt));
    } catch (error) {
      this.logger.warn(`the cached instrument list ${this.cache.file} could not be read: ${(error as Error).message}`);
    }
  }
}
