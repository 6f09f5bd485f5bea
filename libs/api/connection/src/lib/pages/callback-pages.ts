import { OAUTH_CHANNEL, OAUTH_DONE_MESSAGE } from '@desk/contracts';

export { OAUTH_CHANNEL };

export interface SuccessPage {
  kind: 'ok';
  userName: string | null;
  simulated: boolean;
}

export interface FailurePage {
  kind: 'failed';
  /** The cause in plain words. */
  cause: string;
  /** What to do next. */
  nextStep: string;
  /** Extra lines shown as label/value pairs (e.g. the redirect URI we sent). Never a secret. */
  facts?: { label: string; value: string }[];
}

export type CallbackPage = SuccessPage | FailurePage;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Served as /callback/page.css: the pages' CSP allows no inline style. */
export const PAGE_STYLE = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1f24}
h1{font-size:1.4rem}.ok{color:#116329}.failed{color:#a40e26}dt{font-weight:600}dd{margin:0 0 .5rem;font-family:monospace;word-break:break-all}
a{color:#0550ae}`;

/**
 * The page that ends every OAuth flow. It loads only our own same-origin script (the CSP stays
 * `script-src 'self'`), links nowhere but `/`, and never contains the code, the state or a token.
 */
export function renderCallbackPage(page: CallbackPage): string {
  const title = page.kind === 'ok' ? 'Upstox connected' : 'Authorization Failed';
  const body =
    page.kind === 'ok'
      ? `<h1 class="ok">Upstox connected</h1>
<p>${page.userName ? `Connected as <strong>${escapeHtml(page.userName)}</strong>` : 'Connected'}${page.simulated ? ' (simulator: no real orders)' : ''}.</p>
<p>This window closes by itself. If it does not, <a href="/">return to the dashboard</a>.</p>`
      : `<h1 class="failed">Authorization Failed</h1>
<p id="cause">${escapeHtml(page.cause)}</p>
${renderFacts(page.facts)}<p id="next-step"><strong>Next step:</strong> ${escapeHtml(page.nextStep)}</p>
<p>Details are in the server logs. <a href="/">Return to the dashboard</a>.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="/callback/page.css">
<script src="/callback/notify.js" defer></script>
</head>
<body data-outcome="${page.kind}">
${body}
</body>
</html>
`;
}

function renderFacts(facts: FailurePage['facts']): string {
  if (!facts || facts.length === 0) return '';
  const rows = facts.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`).join('\n');
  return `<dl>\n${rows}\n</dl>\n`;
}

/**
 * Tells the SPA "done" (it then asks GET /api/connection; it trusts no message content), with an exact
 * targetOrigin. On success the popup closes itself; without an opener (full-page flow) it returns to `/`.
 * A failure page stays open so the user can read the cause.
 */
export const NOTIFY_SCRIPT = `(function () {
  'use strict';
  var message = ${JSON.stringify(OAUTH_DONE_MESSAGE)};
  var ok = document.body.getAttribute('data-outcome') === 'ok';
  try {
    var channel = new BroadcastChannel(${JSON.stringify(OAUTH_CHANNEL)});
    channel.postMessage(message);
    channel.close();
  } catch (e) { /* BroadcastChannel unavailable: the opener message and the SPA's polling remain */ }
  var opener = null;
  try { opener = window.opener; } catch (e) { opener = null; }
  if (opener) {
    try { opener.postMessage(message, location.origin); } catch (e) { /* opener navigated elsewhere */ }
    if (ok) window.close();
  } else if (ok) {
    location.replace('/');
  }
})();
`;
