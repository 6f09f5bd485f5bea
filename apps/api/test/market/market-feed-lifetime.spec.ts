import { startOrdersStack, waitFor } from '../orders/orders-harness';
import { FAST_MARKET_ENV, marketStatus, simMarketFeed, waitForFeedLive } from './market-harness';

const MARKET_AUTHORIZE = 'GET /v3/feed/market-data-feed/authorize';

/** The market data feed follows the portfolio stream's rule: it never outlives the connection's token. */
describe('the market data feed never outlives the token (real api + simulator)', () => {
  it('a revoked token closes the market socket, marks the connection expired, and no new socket is asked for', async () => {
    const s = await startOrdersStack({ env: FAST_MARKET_ENV });
    try {
      await waitForFeedLive(s.browser);
      expect((await simMarketFeed(s.sim)).open_sockets).toBe(1);
      await s.sim.call('POST', 'revoke', { all: true });
      await waitFor('no market socket', async () => (await simMarketFeed(s.sim)).open_sockets === 0);
      await waitFor('expired', async () => (await s.browser.api('GET', '/api/connection')).body.state === 'expired');
      const authorizations = await s.sim.calls(MARKET_AUTHORIZE);
      // Several reconnect periods (FAST_MARKET_ENV backs off within 50-400 ms): a dead token is not retried.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(await s.sim.calls(MARKET_AUTHORIZE)).toBe(authorizations);
      expect((await simMarketFeed(s.sim)).open_sockets).toBe(0);
      expect((await marketStatus(s.browser)).feed).toBeNull();
    } finally {
      await s.close();
    }
  }, 60_000);

  it('the token dying at 03:30 IST closes the market socket', async () => {
    const s = await startOrdersStack({ env: FAST_MARKET_ENV });
    try {
      await waitForFeedLive(s.browser);
      const opened = (await simMarketFeed(s.sim)).opened_total;
      const now = new Date((await s.sim.call('GET', 'clock')).body.now as string);
      await s.sim.call('POST', 'clock', { set: new Date(now.getTime() + 26 * 3600_000).toISOString() });
      await waitFor('no market socket', async () => (await simMarketFeed(s.sim)).open_sockets === 0);
      await waitFor('expired', async () => (await s.browser.api('GET', '/api/connection')).body.state === 'expired');
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await simMarketFeed(s.sim)).opened_total).toBe(opened);
    } finally {
      await s.close();
    }
  }, 60_000);
});
