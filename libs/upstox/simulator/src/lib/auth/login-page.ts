import { escapeHtml } from '../http/request-context';

/**
 * The simulated Upstox sign-in/consent page (PLAN.md §1): plainly titled as the simulator, exactly one
 * POST form with hidden inputs and an Approve and a Deny button.
 */
export function loginPage(p: { action: string; requestId: string; clientId: string; redirectUri: string; userName: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Upstox simulator - sign in</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f4f1fb; margin: 0; padding: 2rem; color: #1d1b20; }
  main { max-width: 28rem; margin: 0 auto; background: #fff; border-radius: 12px; padding: 2rem; box-shadow: 0 2px 12px #0002; }
  .banner { background: #fff3cd; border: 1px solid #e0c060; border-radius: 8px; padding: .75rem; font-size: .9rem; }
  dl { font-size: .9rem; } dt { font-weight: 600; margin-top: .5rem; } dd { margin: 0; word-break: break-all; }
  .actions { display: flex; gap: 1rem; margin-top: 1.5rem; }
  button { flex: 1; padding: .75rem; font-size: 1rem; border-radius: 8px; border: 1px solid #5a2ca0; cursor: pointer; }
  button[value=approve] { background: #5a2ca0; color: #fff; }
  button[value=deny] { background: #fff; color: #5a2ca0; }
</style>
</head>
<body>
<main>
  <h1>Upstox simulator - sign in</h1>
  <p class="banner">This is the local Upstox <strong>simulator</strong>, not Upstox. No real account, money or order is involved.</p>
  <p>An app is asking to access the demo account <strong>${escapeHtml(p.userName)}</strong>.</p>
  <dl>
    <dt>App (client_id)</dt><dd>${escapeHtml(p.clientId)}</dd>
    <dt>Returns to</dt><dd>${escapeHtml(p.redirectUri)}</dd>
  </dl>
  <form method="post" action="${escapeHtml(p.action)}">
    <input type="hidden" name="request_id" value="${escapeHtml(p.requestId)}">
    <div class="actions">
      <button type="submit" name="decision" value="approve">Approve</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </div>
  </form>
</main>
</body>
</html>
`;
}

/** A plain page for a login request that is unknown, used or older than ten minutes. */
export function loginExpiredPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Upstox simulator - sign in</title></head>
<body><h1>Upstox simulator - sign in</h1>
<p>This sign-in request has expired or was already used. Start the connection again from your app.</p></body></html>
`;
}
