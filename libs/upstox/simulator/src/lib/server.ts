import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authRoutes } from './auth/auth-routes';
import { candleRoutes } from './candles/candle-routes';
import { chargesRoutes } from './charges/charges-routes';
import { createFeedUpgradeHandler } from './feed/feed-upgrade';
import { feedRoutes } from './feed/feed-routes';
import { marketInfoRoutes } from './market/market-info-routes';
import { marketRoutes } from './market/market-routes';
import { marketDataOf } from './market-feed/market-data';
import { marketFeedRoutes } from './market-feed/market-feed-routes';
import { createMarketFeedUpgradeHandler, isMarketFeedPath } from './market-feed/market-feed-upgrade';
import { resolveOptions, RunningSimulator, SimulatorOptions } from './options';
import { orderRoutes } from './orders/order-routes';
import { Pipeline } from './pipeline';
import { portfolioRoutes } from './portfolio/portfolio-routes';
import { Router } from './router';
import { SimulatorCore } from './simulator-core';
import { userControlRoutes } from './user/user-control-routes';
import { userRoutes } from './user/user-routes';

/** Starts the simulator on node:http (plus `ws` for the portfolio stream). Both Upstox hosts, one port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveOptions(options);
  const core = new SimulatorCore(resolved);
  const router = new Router([
    ...authRoutes(core),
    ...userRoutes(core),
    ...userControlRoutes(core),
    ...orderRoutes(core),
    ...portfolioRoutes(core),
    ...marketRoutes(core),
    ...marketInfoRoutes(core),
    ...feedRoutes(core),
    ...marketFeedRoutes(core),
    ...candleRoutes(core),
    ...chargesRoutes(core),
  ]);
  const pipeline = new Pipeline(core, router);
  const upgrades = createFeedUpgradeHandler(core);
  const marketUpgrades = createMarketFeedUpgradeHandler(core);
  const market = marketDataOf(core);

  const server = createServer((req, res) => {
    pipeline.handle(req, res).catch((e) => {
      console.error('[upstox-sim] request failed', e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on('upgrade', (req, socket, head) => {
    // A client that goes away while its upgrade is answered (a refusal, a redirect, the handshake) resets the raw
    // socket; without a listener that reset would be an uncaught error in whoever hosts the simulator.
    socket.on('error', () => socket.destroy());
    const pathname = new URL(req.url ?? '/', 'http://sim.local').pathname;
    if (isMarketFeedPath(pathname)) marketUpgrades.handle(req, socket, head);
    else upgrades.handle(req, socket, head);
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  market.setTickInterval(resolved.priceTickMs);
  // Tokens expire at 03:30 IST by the simulator clock, which runs on its own: their sockets close within a second.
  // The same sweep tells market-feed sockets when a segment opens or closes (market hours by the simulator clock).
  const tokenSweep = setInterval(() => {
    core.closeFeedsOfDeadTokens();
    market.hub.closeDeadTokens((token) => core.tokens.validate(token, core.clock.now()) !== null);
    market.hub.refreshMarketStatus();
  }, 1000);
  tokenSweep.unref();

  const port = (server.address() as AddressInfo).port;
  const hostForUrl = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    app: { ...resolved.app },
    close() {
      closing ??= new Promise<void>((resolve) => {
        market.close();
        clearInterval(tokenSweep);
        core.scheduler.stopAll();
        core.feed.closeAll();
        upgrades.close();
        marketUpgrades.close();
        pipeline.destroyHanging();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
