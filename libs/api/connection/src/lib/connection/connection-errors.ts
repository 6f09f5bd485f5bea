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

export function connectionExpired(reason: string, upstoxCode?: string): DeskError {
  return new DeskError({
    code: 'CONNECTION_EXPIRED',
    title: ERROR_TITLES.notAuthenticated,
    httpStatus: 401,
    message: reason,
    nextStep: RECONNECT,
    upstoxCode,
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
