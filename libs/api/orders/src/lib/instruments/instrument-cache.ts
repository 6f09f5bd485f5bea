import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What we know about the downloaded copy on disk (written next to it). */
export interface CachedListMeta {
  /** The file's date at Upstox (Last-Modified), else when we downloaded it (ISO). */
  asOf: string;
  /** When we last asked Upstox whether there is a newer file (ISO). */
  checkedAt: string;
  url: string;
  instruments: number;
}

/**
 * DATA_DIR/instrument-cache/: the last good downloaded file (`<feed>.json.gz`) and its meta. Kept apart from the
 * names a user drops by hand (DATA_DIR/complete.json.gz ...), which win over it. Replaced only by rename, so a
 * crash mid-download leaves the previous good copy.
 */
export class InstrumentCache {
  readonly dir: string;

  constructor(dataDir: string, private readonly feed: string) {
    this.dir = join(dataDir, 'instrument-cache');
  }

  get file(): string {
    return join(this.dir, `${this.feed}.json.gz`);
  }

  /** A fresh temporary path for a download in progress. */
  tempFile(): string {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    return join(this.dir, `${this.feed}.json.gz.${process.pid}.${Date.now()}.part`);
  }

  readMeta(): CachedListMeta | null {
    const path = join(this.dir, `${this.feed}.meta.json`);
    if (!existsSync(path) || !existsSync(this.file)) return null;
    try {
      const meta = JSON.parse(readFileSync(path, 'utf8')) as CachedListMeta;
      return Number.isFinite(Date.parse(meta.asOf)) && Number.isFinite(Date.parse(meta.checkedAt)) ? meta : null;
    } catch {
      return null;
    }
  }

  writeMeta(meta: CachedListMeta): void {
    const path = join(this.dir, `${this.feed}.meta.json`);
    const temp = `${path}.${process.pid}.part`;
    writeFileSync(temp, JSON.stringify(meta), { mode: 0o600 });
    renameSync(temp, path);
  }

  /** The validated download becomes the cached file (atomic rename over the previous one). */
  commit(tempFile: string, meta: CachedListMeta): void {
    renameSync(tempFile, this.file);
    this.writeMeta(meta);
  }

  discard(tempFile: string): void {
    rmSync(tempFile, { force: true });
  }
}
