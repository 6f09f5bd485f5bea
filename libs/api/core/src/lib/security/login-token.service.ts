import { join } from 'node:path';
import { writePrivateFile } from '../storage/private-files';
import { randomToken, sameSecret } from './hashing';

export const LOGIN_TOKEN_FILE = 'login-token';

/**
 * The startup login token (Jupyter style): random 256 bits per start unless DESK_LOGIN_TOKEN fixes it,
 * written 0600 to DATA_DIR/login-token so the user can find it again. Presenting it creates a session.
 */
export class LoginTokenService {
  private readonly token: string;

  constructor(configured: string | undefined, dataDir: string) {
    this.token = configured ?? randomToken();
    writePrivateFile(join(dataDir, LOGIN_TOKEN_FILE), `${this.token}\n`);
  }

  matches(candidate: unknown): boolean {
    return typeof candidate === 'string' && candidate.length > 0 && candidate.length <= 200 && sameSecret(candidate, this.token);
  }

  /** The ready-to-open sign-in link; printed once at start (never through the logger). */
  loginUrl(port: number): string {
    return `http://localhost:${port}/?token=${encodeURIComponent(this.token)}`;
  }

  /** For the composition root and the test harness only. */
  reveal(): string {
    return this.token;
  }

  toJSON(): string {
    return '[LoginTokenService]';
  }
}
