import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Ports and settings of the stack the browser tests run against (see playwright.config.ts). */
const apiPort = Number(process.env['E2E_API_PORT'] || 5180);
const simPort = Number(process.env['E2E_SIM_PORT'] || 5190);
const apiUrl = `http://localhost:${apiPort}`;
const simUrl = `http://127.0.0.1:${simPort}`;
// A closed port: the "live" environment is unreachable, as Upstox is from these machines.
const unreachableUrl = 'http://127.0.0.1:9';
const loginToken = 'e2e-login-token-0123456789abcdef0123456789abcdef';
// Only a name here: this module is also loaded whenever Nx reads the Playwright config (every nx
// command), so the folder is made by the api's start command (playwright.config.ts), not on import.
const dataDir = process.env['E2E_DATA_DIR'] || join(tmpdir(), `desk-e2e-${randomBytes(6).toString('hex')}`);
process.env['E2E_DATA_DIR'] = dataDir;

export const E2E = {
  /** The longest one test may take (playwright.config.ts). */
  testTimeoutMs: 60_000,
  apiUrl,
  simUrl,
  loginToken,
  dataDir,
  redirectUri: `${apiUrl}/callback`,
  simEnv: {
    UPSTOX_SIM_PORT: String(simPort),
    UPSTOX_SIM_REDIRECT_URI: `${apiUrl}/callback`,
    UPSTOX_SIM_PRICE_TICK_MS: '0',
    // Quick lifecycle steps: the SPA's 2 s refresh is what the tests wait for, not the simulator.
    UPSTOX_SIM_STEP_DELAY_MS: '50',
  },
  apiEnv: {
    PORT: String(apiPort),
    DATA_DIR: dataDir,
    DESK_LOGIN_TOKEN: loginToken,
    UPSTOX_SIM_URL: simUrl,
    UPSTOX_API_URL: unreachableUrl,
    UPSTOX_ORDER_URL: unreachableUrl,
    // The simulator plays the Upstox sandbox too (sandbox.spec.ts), and serves the instrument file a sandbox
    // connection downloads.
    UPSTOX_SANDBOX_URL: simUrl,
    UPSTOX_ASSETS_URL: simUrl,
    UPSTOX_TIMEOUT_MS: '3000',
    // A dropped live stream comes back within seconds in the tests (default cap: 30 s).
    UPSTOX_STREAM_RECONNECT_MAX_MS: '2000',
    LOG_FILE: join(dataDir, 'api.log'),
    LOG_LEVEL: 'info',
  },
};
