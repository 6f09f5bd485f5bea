import { msUntilPastTokenRollover } from './token-rollover';

// Runs before each api test file's own hooks (jest setupFilesAfterEnv): see msUntilPastTokenRollover.
beforeAll(async () => {
  const wait = msUntilPastTokenRollover(Date.now());
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}, 4 * 60_000);
