import { DeskError } from '@desk/contracts';

/** One log line's worth of an error: a DeskError's code, Upstox code, message and log detail; else name and message. */
export function describeError(err: unknown): string {
  if (err instanceof DeskError) {
    return `${err.code}${err.upstoxCode ? ` upstox=${err.upstoxCode}` : ''}: ${err.message}${err.logDetail ? ` (${err.logDetail})` : ''}`;
  }
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
