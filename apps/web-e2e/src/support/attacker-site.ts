import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a drive-by page would try: each way a browser sends a cross-site request without CORS. */
export const ATTACK_KINDS = ['form-urlencoded', 'form-multipart', 'form-text-plain', 'fetch-no-cors', 'beacon', 'img-get'] as const;

function attackPage(target: string): string {
  const order = {
    instrumentKey: 'NSE_EQ|INE002A01018',
    transactionType: 'BUY',
    quantity: 1,
    orderType: 'MARKET',
    product: 'D',
    validity: 'DAY',
  };
  const json = JSON.stringify(order);
  const fields = Object.entries(order)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${String(value).replace(/"/g, '&quot;')}">`)
    .join('');
  // text/plain trick: name + "=" + value makes a JSON-looking body.
  const textPlainName = json.slice(0, -1) + ',"pad":"';
  const query = new URLSearchParams(Object.entries(order).map(([k, v]) => [k, String(v)])).toString();
  return `<!doctype html>
<html><head><title>Win a prize</title></head><body>
<h1>Totally harmless page</h1>
<iframe name="f1"></iframe><iframe name="f2"></iframe><iframe name="f3"></iframe>
<form id="form-urlencoded" method="post" action="${target}" target="f1" enctype="application/x-www-form-urlencoded">${fields}</form>
<form id="form-multipart" method="post" action="${target}" target="f2" enctype="multipart/form-data">${fields}</form>
<form id="form-text-plain" method="post" action="${target}" target="f3" enctype="text/plain"><input type="hidden" name='${textPlainName.replace(/'/g, '&#39;')}' value='"}'></form>
<script>
  window.attack = async function () {
    var frames = Array.prototype.slice.call(document.querySelectorAll('iframe'));
    var loaded = frames.map(function (f) { return new Promise(function (r) { f.addEventListener('load', r, { once: true }); }); });
    document.getElementById('form-urlencoded').submit();
    document.getElementById('form-multipart').submit();
    document.getElementById('form-text-plain').submit();
    var fetched = fetch(${JSON.stringify(target)}, {
      method: 'POST', mode: 'no-cors', credentials: 'include',
      headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(json)}
    }).then(function () { return 'sent'; }, function (e) { return 'error ' + e; });
    var beacon = navigator.sendBeacon(${JSON.stringify(target)}, ${JSON.stringify(json)});
    var img = new Promise(function (r) {
      var i = new Image(); i.onload = function () { r('load'); }; i.onerror = function () { r('error'); };
      i.src = ${JSON.stringify(`${target}?${query}`)};
    });
    var results = await Promise.all([fetched, img].concat(loaded));
    return { fetch: results[0], img: results[1], beacon: beacon };
  };
</script>
</body></html>`;
}

/** A tiny site on another origin (127.0.0.1:<free port>) serving the attack page. */
export async function startAttackerSite(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = attackPage(target);
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/prize.html`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
