import { getConfigToken, registerAs } from '@nestjs/config';
import { DeskEnv, EnvReader } from './desk-env';

/** Sign-in token, encryption key and inbound rate limits (namespace `security`). */
export interface SecurityConfig {
  /** Fixed login token (scripts, tests); undefined = a random one per start. */
  loginToken?: string;
  /** 32-byte key from DESK_ENCRYPTION_KEY; undefined = the key file in DATA_DIR. */
  encryptionKey?: Buffer;
  /** Inbound requests allowed per session / API key (the strict bucket: writes, searches, everything else). */
  rateLimitPerSecond: number;
  rateLimitPerMinute: number;
  /**
   * The generous bucket per session / API key for GETs answered from memory (orders, trades, positions,
   * holdings, funds, events, connection, session): 200 scripts on one key polling once a second must pass.
   */
  readRateLimitPerSecond: number;
  readRateLimitPerMinute: number;
}

export const SECURITY_CONFIG = getConfigToken('security');
export const MIN_LOGIN_TOKEN_LENGTH = 32;
/** A fixed token like "aaaa..." or "0101..." is guessable however long it is. */
export const MIN_LOGIN_TOKEN_DISTINCT_CHARACTERS = 16;

function distinctCharacters(value: string): number {
  return new Set(value).size;
}

export function readSecurityConfig(reader: EnvReader): SecurityConfig {
  const loginToken = reader.string('DESK_LOGIN_TOKEN');
  if (loginToken !== undefined && (loginToken.length < MIN_LOGIN_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(loginToken))) {
    reader.fail(
      `DESK_LOGIN_TOKEN must be at least ${MIN_LOGIN_TOKEN_LENGTH} characters of A-Z, a-z, 0-9, "-" or "_" ` +
        `(it got ${loginToken.length}); leave it unset to get a random token at every start`,
    );
  } else if (loginToken !== undefined && distinctCharacters(loginToken) < MIN_LOGIN_TOKEN_DISTINCT_CHARACTERS) {
    reader.fail(
      `DESK_LOGIN_TOKEN is too easy to guess: it uses only ${distinctCharacters(loginToken)} different character(s) ` +
        `(at least ${MIN_LOGIN_TOKEN_DISTINCT_CHARACTERS} needed). Use a random value, e.g. the output of ` +
        '`node -e "console.log(require(\'node:crypto\').randomBytes(32).toString(\'base64url\'))"`, ' +
        'or leave it unset to get a random token at every start',
    );
  }
  const rawKey = reader.string('DESK_ENCRYPTION_KEY');
  let encryptionKey: Buffer | undefined;
  if (rawKey !== undefined) {
    const decoded = Buffer.from(rawKey, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(rawKey) || decoded.length !== 32) {
      reader.fail(
        'DESK_ENCRYPTION_KEY must be 32 random bytes in base64 (44 characters), e.g. the output of ' +
          '`openssl rand -base64 32`; leave it unset to use a generated key file in DATA_DIR',
      );
    } else {
      encryptionKey = decoded;
    }
  }
  return {
    loginToken,
    encryptionKey,
    rateLimitPerSecond: reader.integer('DESK_RATE_LIMIT_PER_SECOND', 100, 1, 100_000),
    rateLimitPerMinute: reader.integer('DESK_RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000),
    readRateLimitPerSecond: reader.integer('DESK_READ_RATE_LIMIT_PER_SECOND', 500, 1, 100_000),
    readRateLimitPerMinute: reader.integer('DESK_READ_RATE_LIMIT_PER_MINUTE', 30_000, 1, 10_000_000),
  };
}

export function parseSecurityConfig(env: DeskEnv): SecurityConfig {
  const reader = new EnvReader(env);
  const config = readSecurityConfig(reader);
  reader.assertValid();
  return config;
}

export const securityConfig = (env: DeskEnv) => registerAs('security', () => parseSecurityConfig(env));
