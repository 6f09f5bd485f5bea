import { DeskError, ErrorCode } from '@desk/contracts';
import { FailurePage } from '../pages/callback-pages';

/** Why a /callback ended on "Authorization Failed". */
export type CallbackFailureKind =
  | 'state_missing'
  | 'state_unknown'
  | 'state_expired'
  | 'state_reused'
  | 'browser_mismatch'
  | 'access_denied'
  | 'upstox_error'
  | 'code_missing'
  | 'redirect_uri_mismatch'
  | 'invalid_credentials'
  | 'code_invalid'
  | 'client_inactive'
  | 'network'
  | 'unexpected';

export interface CallbackFailure {
  kind: CallbackFailureKind;
  code: ErrorCode;
  page: FailurePage;
  upstoxCode?: string;
  /** For the server log only: never contains the code, state, token or secret. */
  logDetail: string;
}

const START_AGAIN = 'Start again from the dashboard with the Connect button.';
const CHECK_REDIRECT = (uri: string) =>
  `Verify the Redirect URI in your Upstox app settings matches exactly (byte for byte): ${uri} . Then try the connection process again.`;

/** Failures found before the flow is identified: nothing about a connection attempt is known or changed. */
export function stateFailure(kind: 'state_missing' | 'state_unknown' | 'state_expired' | 'state_reused', ttlMinutes: number): CallbackFailure {
  const causes: Record<typeof kind, string> = {
    state_missing: 'The sign-in answer from Upstox carried no state value, so it cannot be matched to a sign-in started here (state invalid).',
    state_unknown: 'The sign-in answer does not belong to a sign-in started from this dashboard (state invalid). It may come from an old or foreign link.',
    state_expired: `The sign-in took longer than ${ttlMinutes} minutes, so its state expired (state invalid).`,
    state_reused: 'This sign-in answer was already used (state invalid). Each Upstox sign-in can be completed only once; reloading or replaying the callback does not work.',
  };
  return { kind, code: 'OAUTH_STATE_INVALID', page: { kind: 'failed', cause: causes[kind], nextStep: START_AGAIN }, logDetail: kind };
}

export function browserMismatch(cookiePresent: boolean, redirectUri: string): CallbackFailure {
  const cause = cookiePresent
    ? 'The sign-in was started in another browser, so this browser cannot complete it (state invalid).'
    : 'This browser has no record of starting this sign-in (state invalid). This happens when the sign-in was started in another browser, or when the dashboard is open at a different address than the Redirect URI.';
  return {
    kind: 'browser_mismatch',
    code: 'OAUTH_STATE_INVALID',
    page: {
      kind: 'failed',
      cause,
      nextStep: `Open the dashboard at the same address as the Redirect URI, then start again from the dashboard with the Connect button.`,
      facts: [{ label: 'Redirect URI used', value: redirectUri }],
    },
    logDetail: cookiePresent ? 'transaction cookie does not match the state' : 'transaction cookie missing',
  };
}

export function accessDenied(): CallbackFailure {
  return {
    kind: 'access_denied',
    code: 'ACCESS_DENIED',
    page: { kind: 'failed', cause: 'You denied access: the Upstox sign-in was cancelled, so no connection was made.', nextStep: 'To connect, try the connection process again and choose Approve/Authorize at Upstox.' },
    logDetail: 'user denied access (error=access_denied)',
  };
}

export function upstoxErrorParameter(error: string): CallbackFailure {
  return {
    kind: 'upstox_error',
    code: 'UPSTOX_ERROR',
    page: { kind: 'failed', cause: `Upstox ended the sign-in with the error "${error}".`, nextStep: 'Try the connection process again; if it keeps happening, check the server logs.' },
    logDetail: `callback error parameter: ${error}`,
  };
}

export function codeMissing(): CallbackFailure {
  return {
    kind: 'code_missing',
    code: 'AUTH_CODE_INVALID',
    page: { kind: 'failed', cause: 'Upstox sent no authorization code back, so the sign-in cannot be completed.', nextStep: 'Try the connection process again.' },
    logDetail: 'callback without a usable code',
  };
}

/** Maps a failed token exchange (an UpstoxApiError or anything else) to the user's words. */
export function exchangeFailure(error: unknown, redirectUri: string): CallbackFailure {
  const desk = error instanceof DeskError ? error : null;
  const upstoxCode = desk?.upstoxCode;
  const logDetail = `token exchange failed: ${desk ? `${desk.code} ${desk.logDetail ?? ''}`.trim() : error instanceof Error ? error.name : 'unknown error'}`;
  const facts = [{ label: 'Redirect URI used', value: redirectUri }];
  if (upstoxCode === 'UDAPI100068' || desk?.code === 'REDIRECT_URI_MISMATCH') {
    return {
      kind: 'redirect_uri_mismatch', code: 'REDIRECT_URI_MISMATCH', upstoxCode, logDetail,
      page: {
        kind: 'failed',
        cause: `Redirect URI mismatch: Upstox says the redirect URI or the API key does not match your Upstox app${upstoxCode ? ` (${upstoxCode})` : ''}. The Redirect URI registered in the Upstox app must be exactly the one used here.`,
        nextStep: CHECK_REDIRECT(redirectUri),
        facts: [...facts, { label: 'Must be registered in your Upstox app as', value: redirectUri }],
      },
    };
  }
  if (upstoxCode === 'UDAPI100016' || desk?.code === 'INVALID_CREDENTIALS') {
    return {
      kind: 'invalid_credentials', code: 'INVALID_CREDENTIALS', upstoxCode, logDetail,
      page: {
        kind: 'failed',
        cause: `Invalid API credentials: Upstox rejected the API Key or API Secret${upstoxCode ? ` (${upstoxCode})` : ''}. Upstox gives the same answer when the authorization code expired or was already used, or when the redirect URI does not match.`,
        nextStep: `Make sure the API Key and Secret are correct, and that the Redirect URI matches exactly: ${redirectUri} . Then try the connection process again.`,
        facts,
      },
    };
  }
  if (desk?.code === 'AUTH_CODE_INVALID') {
    return {
      kind: 'code_invalid', code: 'AUTH_CODE_INVALID', upstoxCode, logDetail,
      page: { kind: 'failed', cause: `The authorization code expired or was already used${upstoxCode ? ` (${upstoxCode})` : ''}. Upstox codes are valid once and only for a short time.`, nextStep: 'Try the connection process again.' },
    };
  }
  if (desk?.code === 'CLIENT_INACTIVE') {
    return {
      kind: 'client_inactive', code: 'CLIENT_INACTIVE', upstoxCode, logDetail,
      page: { kind: 'failed', cause: `Your Upstox app (API Key) is inactive${upstoxCode ? ` (${upstoxCode})` : ''}.`, nextStep: 'Verify your Upstox app is active in the developer portal, then try the connection process again.' },
    };
  }
  if (desk?.code === 'UPSTOX_UNREACHABLE' || desk?.code === 'UPSTOX_TIMEOUT') {
    return {
      kind: 'network', code: desk.code, upstoxCode, logDetail,
      page: {
        kind: 'failed',
        cause: `${desk.message} The authorization code was used up by this attempt (Upstox codes are single-use), so it is not retried.`,
        nextStep: 'Check your internet connection and whether the Upstox API is accessible, then try the connection process again.',
      },
    };
  }
  return {
    kind: 'unexpected', code: desk?.code ?? 'INTERNAL_ERROR', upstoxCode, logDetail,
    page: {
      kind: 'failed',
      cause: `${desk ? desk.message : 'The sign-in could not be completed because of an unexpected error.'}${upstoxCode ? ` (${upstoxCode})` : ''}`,
      nextStep: 'Try the connection process again; check the server logs for detailed error messages.',
    },
  };
}
