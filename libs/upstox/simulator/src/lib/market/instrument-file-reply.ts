import type { Reply, RequestContext } from '../http/request-context';
import type { SimulatorCore } from '../simulator-core';

/**
 * GET /market-quote/instruments/exchange/complete.json.gz: the gzipped file with its date as Last-Modified, 304 to
 * an If-Modified-Since at or after that date (assets.upstox.com is a CDN that answers conditional requests), or
 * the failure the control API armed: a 500, a gzip cut in half, or one with bytes flipped in the middle.
 */
export function completeFileReply(core: SimulatorCore, ctx: RequestContext): Reply {
  const failure = core.instrumentFile.takeDownload();
  if (failure === 'status') return { status: 500, raw: 'Internal Server Error', contentType: 'text/plain' };
  const { gz, dateMs } = core.instrumentFile.file();
  const lastModified = new Date(dateMs).toUTCString();
  const since = Date.parse(String(ctx.req.headers['if-modified-since'] ?? ''));
  // HTTP dates have whole seconds.
  if (!failure && Number.isFinite(since) && Math.floor(dateMs / 1000) * 1000 <= since) {
    return { status: 304, headers: { 'Last-Modified': lastModified } };
  }
  let raw = gz;
  if (failure === 'truncated') raw = gz.subarray(0, Math.floor(gz.length / 2));
  if (failure === 'corrupt') {
    raw = Buffer.from(gz);
    const middle = Math.floor(raw.length / 2);
    for (let i = middle; i < Math.min(raw.length, middle + 64); i++) raw[i] ^= 0xff;
  }
  return { status: 200, raw, contentType: 'application/gzip', headers: { 'Last-Modified': lastModified } };
}
