import { OAUTH_DONE_MESSAGE } from '@desk/contracts';
import { NOTIFY_SCRIPT, OAUTH_CHANNEL, renderCallbackPage } from './callback-pages';

describe('callback pages', () => {
  it('success page names the user and the simulator, loads only our script', () => {
    const html = renderCallbackPage({ kind: 'ok', userName: 'Demo <User>', simulated: true });
    expect(html).toContain('<title>Upstox connected</title>');
    expect(html).toContain('Demo &#60;User&#62;');
    expect(html).toContain('simulator');
    expect(html).toContain('data-outcome="ok"');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script src="/callback/notify.js" defer></script>');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('failure page says Authorization Failed with the cause, the facts and the next step, escaped', () => {
    const html = renderCallbackPage({
      kind: 'failed',
      cause: 'Redirect URI mismatch <script>',
      nextStep: 'Verify the Redirect URI',
      facts: [{ label: 'Redirect URI used', value: 'http://localhost:5000/callback?x="1"' }],
    });
    expect(html).toContain('<title>Authorization Failed</title>');
    expect(html).toContain('<h1 class="failed">Authorization Failed</h1>');
    expect(html).toContain('Redirect URI mismatch &#60;script&#62;');
    expect(html).toContain('http://localhost:5000/callback?x=&#34;1&#34;');
    expect(html).toContain('Next step:</strong> Verify the Redirect URI');
    expect(html).toContain('data-outcome="failed"');
  });

  it('notify script posts only the done message, to our own origin, on the agreed channel', () => {
    expect(NOTIFY_SCRIPT).toContain(`new BroadcastChannel(${JSON.stringify(OAUTH_CHANNEL)})`);
    expect(NOTIFY_SCRIPT).toContain(JSON.stringify(OAUTH_DONE_MESSAGE));
    expect(NOTIFY_SCRIPT).toContain('opener.postMessage(message, location.origin)');
    expect(NOTIFY_SCRIPT).not.toContain("'*'");
    expect(NOTIFY_SCRIPT).toContain("location.replace('/')");
    expect(OAUTH_CHANNEL).toBe('upstox-desk-oauth');
  });
});
