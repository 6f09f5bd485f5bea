import { ConnectionStatus, formatIst } from '@desk/contracts';
import { DeskStreamState } from '@desk/web/events';
import { ConnectionTone } from '@desk/web/ui';

/** The top bar's words while updates are not flowing but coming back (exact text: browser tests look for it). */
export const STREAM_PAUSED_LABEL = 'Live updates paused - reconnecting';

export interface StreamView {
  state: 'live' | 'paused' | 'down';
  label: string;
  tone: ConnectionTone;
  /** Shown after the label when the stream is down. */
  cause: string | null;
  /** Tooltip: since when, why, and what the dashboard does meanwhile. */
  hint: string;
}

const POLLING = 'Meanwhile the dashboard re-reads orders, positions and funds every few seconds.';

/**
 * Whether changes reach this screen as they happen: the api's Upstox stream (`status.stream`) and the
 * dashboard's own event stream (`events`) must both be up. Nothing to show while not connected or
 * when the api runs no stream (the Upstox sandbox).
 */
export function describeStream(status: ConnectionStatus | null, events: DeskStreamState): StreamView | null {
  const stream = status?.state === 'connected' ? status.stream : null;
  if (!stream) return null;
  const since = formatIst(stream.since);
  if (stream.state === 'down') {
    return {
      state: 'down',
      label: 'Live updates down',
      tone: 'warn',
      cause: stream.cause ?? 'the Upstox stream stopped',
      hint: `The Upstox stream stopped at ${since}. ${POLLING} Disconnect and Connect again to restart it.`,
    };
  }
  if (stream.state === 'live' && events === 'open') {
    return { state: 'live', label: 'Live', tone: 'ok', cause: null, hint: `Orders, positions, holdings and funds update as they change (live since ${since}).` };
  }
  const why =
    stream.state === 'live'
      ? 'The dashboard lost its event stream to Upstox Desk and is reopening it.'
      : `${stream.cause ?? 'The Upstox stream is (re)connecting'} (since ${since}).`;
  return { state: 'paused', label: STREAM_PAUSED_LABEL, tone: 'busy', cause: null, hint: `${why} ${POLLING}` };
}
