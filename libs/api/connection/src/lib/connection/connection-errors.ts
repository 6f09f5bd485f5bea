import { DeskError, ERROR_TITLES } from '@desk/contracts';

export const RECONNECT = 'Reconnect using the Connect button';
export const CONNECT = 'Connect Upstox using the Connect button';

export function notAuthenticated(pending: boolean): DeskError {
  return new DeskError({
    code: 'NOT_AUTHENTICATED',
    title: ERROR_TITLES.notAuthenticated,
    httpStatus: 401,
    message: pending
      ? 'Upstox is not connected yet: the authorization flow has not finished, so no access token is set.'
      : 'Upstox is not connected: no access token is set.',
    nextStep: pending ? 'Make sure you completed the authorization flow in the popup, or connect Upstox using the Connect button' : CONNECT,
  });
}

/** The next step of a write refused while the connection is read-only (the extended token cannot trade). */
export const RECONNECT_TO_TRADE =
  'Reconnect to trade: sign in again with the Connect button (the read-only extended token cannot place, modify or cancel orders).';

export function connectionExpired(reason: string, upstoxCode?: string, nextStep = RECONNECT): DeskError {
  return new DeskError({
    code: 'CONNECTION_EXPIRED',
    title: ERROR_TITLES.notAuthenticated,
    httpStatus: 401,
    message: reason,
    nextStep,
    upstoxCode,
  });
}

/**
 * Upstox refused a read made with the extended token (UDAPI100067). The token is still good for what it may read,
 * so the connection stays read-only; the call is not retried. `purpose` finishes "Reconnect to ...".
 */
export function extendedTokenNotPermitted(purpose: string): DeskError {
  return new DeskError({
    code: 'EXTENDED_TOKEN_NOT_PERMITTED',
    title: ERROR_TITLES.requestRefused,
    httpStatus: 403,
    message: `Upstox does not allow this with the read-only extended token (UDAPI100067): the daily access token expired at 03:30 IST, and only the order book, trades, positions, holdings and funds can be read until you reconnect.`,
    nextStep: `Reconnect to ${purpose}: sign in again with the Connect button.`,
    upstoxCode: 'UDAPI100067',
  });
}

export function oauthNotInSandbox(): DeskError {
  return new DeskError({
    code: 'NOT_AVAILABLE_IN_SANDBOX',
    title: ERROR_TITLES.authorizationFailed,
    httpStatus: 400,
    message: 'The OAuth sign-in is not available for the Upstox sandbox: sandbox apps use an access token generated in the Upstox developer console (valid 30 days).',
    nextStep: "Use Option B: generate the sandbox token in the developer portal and connect with 'Access Token'.",
  });
}

export function simulatorNotRunning(simUrl: string, cause: string): DeskError {
  return new DeskError({
    code: 'UPSTOX_UNREACHABLE',
    title: ERROR_TITLES.connectionFailed,
    httpStatus: 502,
    message: `The built-in simulator is not running at ${simUrl}: ${cause}`,
    nextStep: 'Start it with `npm run simulator` (or set UPSTOX_SIM_URL to where it runs), then try again.',
  });
}
