/** Where the api sends Upstox calls for a connection. */
export const UPSTOX_ENVIRONMENTS = ['live', 'sandbox', 'simulator'] as const;
export type UpstoxEnvironment = (typeof UPSTOX_ENVIRONMENTS)[number];

export const ENVIRONMENT_LABELS: Record<UpstoxEnvironment, string> = {
  live: 'Live',
  sandbox: 'Upstox sandbox',
  simulator: 'Simulator',
};

export const CONNECTION_STATES = ['disconnected', 'pending', 'connected', 'expired'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** The redirect URI the user's guide tells users to register in their Upstox app. */
export const DEFAULT_REDIRECT_URI = 'http://localhost:5000/callback';

/** GET /api/connection. Never carries a secret or a token. */
export interface ConnectionStatus {
  state: ConnectionState;
  environment: UpstoxEnvironment | null;
  /** True when the environment is the built-in simulator: the UI must say so. */
  simulated: boolean;
  userId: string | null;
  userName: string | null;
  /** ISO-8601 instant at which the Upstox access token dies (03:30 IST). */
  expiresAt: string | null;
  /** The redirect URI in use (the pending flow's, else the configured default). */
  redirectUri: string;
  /** Why the connection is expired or the last attempt failed, when known. */
  reason: string | null;
  /** The live account stream (Upstox's portfolio stream); null while not connected or in the sandbox. */
  stream: AccountStreamStatus | null;
  /**
   * True only while `state` is `expired` and Upstox gave the connection a read-only extended token: orders, trades,
   * positions, holdings and funds still load (from snapshots; the live streams need the daily token), but nothing can
   * be placed, modified or cancelled until the user reconnects. Absent or false in every other case, so `expired`
   * keeps its meaning (no trading) for clients that do not know this field.
   */
  readOnly?: boolean;
}

/**
 * `live`: updates arrive as they happen; `reconnecting`: the socket dropped or stalled and is being
 * re-opened (reads are served from throttled snapshots meanwhile); `down`: given up, with the cause.
 */
export const ACCOUNT_STREAM_STATES = ['connecting', 'live', 'reconnecting', 'down'] as const;
export type AccountStreamState = (typeof ACCOUNT_STREAM_STATES)[number];

export interface AccountStreamStatus {
  state: AccountStreamState;
  /** ISO-8601 instant the stream entered this state. */
  since: string;
  /** Why it is reconnecting or down (plain words, no secrets). */
  cause: string | null;
}

/** POST /api/connection/oauth: starts Option A of the guide. */
export interface StartOAuthRequest {
  apiKey: string;
  apiSecret: string;
  redirectUri: string;
  environment: UpstoxEnvironment;
}

export interface StartOAuthResponse {
  /** Upstox's /v2/login/authorization/dialog URL to open in the popup. */
  authorizationUrl: string;
}

/** POST /api/connection/token: Option B of the guide. */
export interface ConnectWithTokenRequest {
  apiKey: string;
  apiSecret: string;
  accessToken: string;
  environment: UpstoxEnvironment;
}

/**
 * GET /api/connection/simulator-app: the demo app the running simulator was started with,
 * so a new user can try the product without an Upstox account. Simulator values only.
 */
export interface SimulatorAppCredentials {
  apiKey: string;
  apiSecret: string;
  redirectUri: string;
}

/** The BroadcastChannel (and popup window name) the /callback page and the SPA share. */
export const OAUTH_CHANNEL = 'upstox-desk-oauth';

/** The message the /callback page posts to its opener. The SPA trusts nothing else in it. */
export const OAUTH_DONE_MESSAGE = 'upstox-desk:oauth-done';
