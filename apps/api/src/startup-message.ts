import type { RunningApi } from './bootstrap';

/**
 * What `npm start` shows once the api listens. Printed to stdout, never through the JSON logger. It carries
 * the one-time sign-in link (a nonce, spent on first use) and the path of the lasting token, never the
 * lasting token itself.
 */
export function startupMessage(api: Pick<RunningApi, 'url' | 'listening' | 'ipv6LoopbackMissing' | 'loginUrl' | 'loginTokenFile'>): string {
  const where = api.ipv6LoopbackMissing
    ? `listening on ${api.listening.join(' and ')}; this machine has no IPv6 loopback, so nothing else can answer for localhost`
    : `listening on ${api.listening.join(' and ')}`;
  return (
    `\nUpstox Desk is running on ${api.url} (${where})\n` +
    `Open this link in your browser to sign in (it works once):\n\n    ${api.loginUrl}\n\n` +
    `To sign in again later (another browser, or after signing out), type the login token from\n` +
    `${api.loginTokenFile} into the sign-in form at ${api.url}/ (or run npm start again for a new link).\n\n`
  );
}
