import { ConnectionStatus, formatIst, formatTimeLeft } from '@desk/contracts';
import { ConnectionTone } from '@desk/web/ui';

/** What the top bar shows for a connection, and which button it offers. */
export interface ConnectionView {
  label: string;
  tone: ConnectionTone;
  userName: string | null;
  timeLeft: string | null;
  hint: string | null;
  action: 'connect' | 'disconnect';
  /**
   * The banner the dashboard shows above its panels, decided here with the label so no page infers it from a
   * colour: "Desk unreachable" is amber too, but neither expired nor read-only.
   */
  banner: 'expired' | 'read-only' | null;
}

/** The top bar's words while the dashboard gets no answer from its own api. */
export const API_UNREACHABLE_LABEL = 'Desk unreachable';
export const API_UNREACHABLE_HINT =
  'Upstox Desk could not reach its api, so the Upstox connection is not known right now. Check that `npm start` is still running and your network is up.';

/** The top bar's words while the daily token is dead but the extended token still reads the account. */
export const READ_ONLY_LABEL = 'Read-only until you reconnect';

/** True when the api says the connection is expired but still reads with Upstox's read-only extended token. */
export function isReadOnly(status: ConnectionStatus | null): boolean {
  return status?.state === 'expired' && status.readOnly === true;
}

/** True when the status says connected but its token died already (03:30 IST passed). */
export function isPastExpiry(status: ConnectionStatus, now: Date): boolean {
  return status.expiresAt !== null && new Date(status.expiresAt).getTime() <= now.getTime();
}

/**
 * The guide's status words: green "Connected" with the user and the time left until the token
 * dies; grey "Disconnected"; amber "Expired - Reconnect"; "Connecting..." while pending.
 */
export function describeConnection(
  status: ConnectionStatus | null,
  flags: { awaitingAuthorization: boolean; checking: boolean; authorizationAbandoned?: boolean; apiUnreachable?: boolean },
  now: Date,
): ConnectionView {
  if (flags.apiUnreachable) {
    // Not a green "Connected" the desk cannot vouch for: nothing can be read or placed until the api answers again.
    return {
      ...view(API_UNREACHABLE_LABEL, 'warn', status?.state === 'connected' ? 'disconnect' : 'connect', API_UNREACHABLE_HINT),
      userName: status ? (status.userName ?? status.userId) : null,
    };
  }
  if (status?.state === 'pending' && !flags.awaitingAuthorization && flags.authorizationAbandoned) {
    // The api still holds the flow until it times out, but this browser knows the popup is gone.
    return view('Disconnected', 'idle', 'connect', 'The Upstox authorization was not completed.');
  }
  if (flags.awaitingAuthorization || status?.state === 'pending') {
    return view('Connecting...', 'busy', 'connect', 'Waiting for you to authorize Upstox Desk in the Upstox window.');
  }
  if (!status) {
    return view(flags.checking ? 'Checking...' : 'Disconnected', 'idle', 'connect', null);
  }
  if (isReadOnly(status)) {
    const why = status.reason ?? 'The Upstox access token expired (tokens end at 03:30 IST).';
    return {
      ...view(READ_ONLY_LABEL, 'warn', 'connect', `${why} Orders, trades, positions, holdings and funds still load with Upstox's read-only extended token. Reconnect to trade.`),
      userName: status.userName ?? status.userId,
      banner: 'read-only',
    };
  }
  if (status.state === 'expired' || (status.state === 'connected' && isPastExpiry(status, now))) {
    const why = status.reason ?? 'The Upstox access token expired (tokens end at 03:30 IST).';
    return { ...view('Expired - Reconnect', 'warn', 'connect', `${why} Reconnect using the Connect button.`), banner: 'expired' };
  }
  if (status.state === 'connected') {
    return {
      label: 'Connected',
      tone: 'ok',
      userName: status.userName ?? status.userId,
      timeLeft: status.expiresAt ? formatTimeLeft(status.expiresAt, now) : null,
      hint: status.expiresAt ? `The Upstox token expires at ${formatIst(status.expiresAt)}.` : null,
      action: 'disconnect',
      banner: null,
    };
  }
  return view('Disconnected', 'idle', 'connect', status.reason);
}

function view(label: string, tone: ConnectionTone, action: ConnectionView['action'], hint: string | null): ConnectionView {
  return { label, tone, userName: null, timeLeft: null, hint, action, banner: null };
}
