import { join } from 'node:path';
import { LOGIN_TOKEN_FILE, randomToken, sameSecret, writePrivateFile } from '@desk/api/core';

/** The query parameter of the printed one-time sign-in link: `/?link=NONCE`. */
export const SIGN_IN_LINK_PARAM = 'link';

/** What opening a sign-in link did: signed in, or why not. */
export type SignInLinkOutcome = 'signed-in' | 'already-used' | 'unknown';

function plausible(candidate: unknown): candidate is string {
  return typeof candidate === 'string' && candidate.length > 0 && candidate.length <= 200;
}

/**
 * Two secrets for signing in the browser:
 * - the lasting login token: random 256 bits per start unless DESK_LOGIN_TOKEN fixes it, kept only in the
 *   0600 file DATA_DIR/login-token and typed into the sign-in form (never accepted in a URL);
 * - the link nonce: random 256 bits per start, printed once inside the sign-in link and spent on its first
 *   use, so a link left in history, a log or a screenshot does not sign anyone in again.
 */
export class LoginTokenService {
  private readonly token: string;
  private readonly linkNonce = randomToken();
  private linkSpent = false;
  /** DATA_DIR/login-token: where the user finds the lasting token. */
  readonly tokenFile: string;

  constructor(configured: string | undefined, dataDir: string) {
    this.token = configured ?? randomToken();
    this.tokenFile = join(dataDir, LOGIN_TOKEN_FILE);
    writePrivateFile(this.tokenFile, `${this.token}\n`);
  }

  /** The lasting token (the sign-in form). */
  matches(candidate: unknown): boolean {
    return plausible(candidate) && sameSecret(candidate, this.token);
  }

  /** Spends the link nonce: the first matching use signs in, every later one is told the link was used. */
  spendLink(candidate: unknown): SignInLinkOutcome {
    if (!plausible(candidate) || !sameSecret(candidate, this.linkNonce)) return 'unknown';
    if (this.linkSpent) return 'already-used';
    this.linkSpent = true;
    return 'signed-in';
  }

  /** The ready-to-open one-time sign-in link; printed once at start (never through the logger). */
  signInLink(origin: string): string {
    return `${origin}/?${SIGN_IN_LINK_PARAM}=${encodeURIComponent(this.linkNonce)}`;
  }

  /** For the composition root and the test harness only. */
  reveal(): string {
    return this.token;
  }

  toJSON(): string {
    return '[LoginTokenService]';
  }
}
