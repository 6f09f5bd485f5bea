import { msToClearTokenRollover } from '@desk/contracts';

/** Longer than any test file of the projects that load this runs (jest setupFilesAfterEnv). */
const FILE_RUN_MS = 3 * 60_000;

// Upstox tokens die at 03:30 IST, the simulator's too: a test file that would start less than FILE_RUN_MS before
// then first waits until just past it, so no connection it makes dies half-way through the file.
beforeAll(async () => {
  const wait = msToClearTokenRollover(Date.now(), FILE_RUN_MS);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}, FILE_RUN_MS + 60_000);
