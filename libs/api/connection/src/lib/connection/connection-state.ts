import { ConnectionState, ConnectionStatus, formatIst, UpstoxEnvironment } from '@desk/contracts';
import { ExpiryCause, StoredConnection } from '../persistence/connection.repository';
import { OAuthAttempt } from '../persistence/oauth-attempt.repository';

export interface ConnectionFacts {
  connection: StoredConnection | null;
  /** The newest OAuth attempt that can still complete. */
  pending: OAuthAttempt | null;
  lastFailure: { reason: string; at: number } | null;
  now: number;
  defaultRedirectUri: string;
}

export function isExpired(connection: StoredConnection, now: number): boolean {
  return connection.expiredBy !== null || now >= connection.expiresAt;
}

export function expiryReason(connection: StoredConnection): string {
  if (connection.expiredBy !== null) return describeExpiryCause(connection.expiredBy, connection.environment);
  return `The Upstox session expired at ${formatIst(new Date(connection.expiresAt).toISOString())} (Upstox access tokens end at 03:30 IST every day).`;
}

/** Upstox refused a token (HTTP 401 or UDAPI100050) on `where` ('', or e.g. ' on the live stream'). */
export function tokenRejected(code: string, where = ''): ExpiryCause {
  return { kind: 'token-rejected', reason: `Upstox rejected the access token (${code}${where}): the Upstox session expired or the token was revoked.` };
}

/** The stored token no longer opens: the server's encryption key changed. */
export const KEY_CHANGED: ExpiryCause = {
  kind: 'key-changed',
  reason: "The stored Upstox access token cannot be decrypted: this server's encryption key changed (DESK_ENCRYPTION_KEY or the key file in the data folder).",
};

/**
 * Why a connection ended early, said for its environment: the built-in simulator keeps its tokens in memory, so every
 * restart of it (`npm start` again) refuses the token the desk connected with. That is the usual cause there, not Upstox.
 */
export function describeExpiryCause(cause: ExpiryCause, environment: UpstoxEnvironment): string {
  if (environment !== 'simulator' || cause.kind !== 'token-rejected') return cause.reason;
  return `${cause.reason} The built-in simulator forgets its tokens whenever it restarts (as when npm start runs again).`;
}

/**
 * The state machine of the single connection, derived (never stored) so that a restart or the 03:30 IST
 * boundary needs no job: disconnected -> pending (OAuth started) -> connected -> expired (03:30 IST or a 401
 * UDAPI100050; `readOnly` when an extended token still reads). A working connection stays `connected` while a re-authorization is pending, so trading is not
 * interrupted by an abandoned popup; an expired or absent one shows `pending` until the flow ends.
 */
export function deriveStatus(f: ConnectionFacts): ConnectionStatus {
  const { connection, pending, lastFailure, now } = f;
  const live = connection !== null && !isExpired(connection, now);
  let state: ConnectionState;
  if (live) state = 'connected';
  else if (pending) state = 'pending';
  else if (connection) state = 'expired';
  else state = 'disconnected';

  const shown = state === 'connected' || state === 'expired' ? connection : null;
  const environment: UpstoxEnvironment | null = state === 'pending' && pending ? pending.environment : (shown?.environment ?? null);

  let reason: string | null = null;
  if (state === 'expired' && connection) reason = expiryReason(connection);
  else if (lastFailure && lastFailure.at >= (connection?.connectedAt ?? 0) && lastFailure.at >= (pending?.createdAt ?? 0)) {
    reason = lastFailure.reason;
  }

  return {
    state,
    environment,
    simulated: environment === 'simulator',
    userId: shown?.userId ?? null,
    userName: shown?.userName ?? null,
    expiresAt: shown ? new Date(shown.expiresAt).toISOString() : null,
    redirectUri: pending?.redirectUri ?? connection?.redirectUri ?? f.defaultRedirectUri,
    reason,
    stream: null,
    // Expired for trading, but Upstox's extended token still reads the account (order book, trades, portfolio, funds).
    readOnly: state === 'expired' && connection !== null && connection.hasExtendedToken,
  };
}
