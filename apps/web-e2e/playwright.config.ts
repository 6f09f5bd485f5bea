import { defineConfig } from '@playwright/test';
import { nxE2EPreset } from '@nx/playwright/preset';
import { workspaceRoot } from '@nx/devkit';
import { E2E } from './src/support/e2e-env';

/**
 * The whole product in a real browser: the production web build served by the real api, talking to
 * the real simulator (both from dist/, built by `nx e2e`'s ^build dependencies), driven in Debian's
 * Chromium. Playwright's own browser download cannot work on these machines.
 */
const executablePath = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

export default defineConfig({
  ...nxE2EPreset(__dirname, { testDir: './src' }),
  // One api and one simulator are shared by the tests, which reset them: run them one at a time.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: E2E.testTimeoutMs,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: E2E.apiUrl,
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
  },
  webServer: [
    {
      command: 'node dist/apps/upstox-sim/main.js',
      url: `${E2E.simUrl}/__sim/app`,
      cwd: workspaceRoot,
      reuseExistingServer: false,
      timeout: 60_000,
      env: E2E.simEnv,
    },
    {
      // The temp DATA_DIR (private, like the api makes its own) exists before the api's first log line.
      command: `mkdir -p -m 700 '${E2E.dataDir}' && exec node dist/apps/api/main.js`,
      url: `${E2E.apiUrl}/api/health`,
      cwd: workspaceRoot,
      reuseExistingServer: false,
      timeout: 60_000,
      env: E2E.apiEnv,
    },
  ],
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
