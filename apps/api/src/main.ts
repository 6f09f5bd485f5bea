import { ConfigError, ListenError } from '@desk/api/core';
import { createApiApp } from './bootstrap';
import { startupMessage } from './startup-message';

/** The only place besides *.config.ts that reads process.env. */
async function main(): Promise<void> {
  try {
    const api = await createApiApp(process.env);
    api.app.enableShutdownHooks();
    // Printed once, to stdout and not through the JSON logger, so the one-time link never lands in a log file.
    process.stdout.write(startupMessage(api));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof ConfigError) {
      process.stderr.write(`Upstox Desk cannot start.\n${error.message}\n`);
    } else if (error instanceof ListenError) {
      process.stderr.write(`Upstox Desk cannot start: ${error.message}\n`);
    } else if (code === 'EADDRINUSE' || code === 'EACCES') {
      const port = process.env['PORT'] || '5000';
      process.stderr.write(
        `Upstox Desk cannot start: port ${port} is ${code === 'EADDRINUSE' ? 'already in use (is Upstox Desk already running?)' : 'not allowed'}.\n` +
          `Stop the other program, or set another port, e.g. PORT=5001 npm start; then your Upstox app's Redirect URI must be ` +
          `http://localhost:5001/callback.\n`,
      );
    } else {
      process.stderr.write(`Upstox Desk failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    }
    process.exit(1);
  }
}

void main();
