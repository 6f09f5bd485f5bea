import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { HttpService } from '@nestjs/axios';
import {
  ERROR_TITLES, Funds, Holding, ModifyOrderRequest, Order, OrderActionResponse, Position, Profile, Trade, UpstoxKillSwitchChange, UpstoxKillSwitchSegmentState,
} from '@desk/contracts';
import { OutboundLimiter } from './outbound-limiter';
import { DEFAULT_RETRY_OPTIONS, RetryOptions } from './retry-policy';
import { upstoxConfig, UpstoxConfig } from './upstox.config';
import {
  BrokerOrderRow,
  BrokerPlaceOrder,
  OrderInstrumentFacts,
  OrderUpdate,
  PlaceOrderResult,
  UpstoxAuth,
  UpstoxClient,
  UpstoxEndpoints,
  UpstoxToken,
} from './upstox-client';
import { malformedResponseError, notAvailableInSandboxError } from './upstox-error-map';
import { mapHolding, mapOrderUpdate, mapPosition } from './portfolio-mappers';
import { mapBrokerage, mapCandles, mapMargin, toMarginBody } from './market-data-mappers';
import { BrokerageCharges, BrokerageQuery, Candle, CandleUnit, HistoricalCandleQuery, MarginInstrument, MarginResult } from './market-data.types';
import { ExchangeStatus, ExchangeTiming, isHolidayRow, isStatusData, isTimingRow, MarketHoliday, mapExchangeStatus, mapHoliday, mapTiming } from './market-info';
import { UpstoxApiError } from './upstox-api-error';
import { mapKillSwitch, mapUserIps, toKillSwitchBody, UpstoxKillSwitchRow, UpstoxUserIpData, UserStaticIps } from './user-controls';
import {
  mapBrokerOrderRow,
  mapFunds,
  mapOrder,
  mapProfile,
  mapTrade,
  omittedModifyValues,
  toModifyOrderBody,
  toPlaceOrderBody,
  WireDefaults,
} from './upstox-mappers';
import { UpstoxEnvelope, UpstoxHttpTransport, UpstoxRequest } from './upstox-transport';
import {
  UpstoxBrokerageData,
  UpstoxCandleData,
  UpstoxFeedAuthorizeData,
  UpstoxMarginData,
  UpstoxFundsData,
  UpstoxHoldingData,
  UpstoxLtpQuote,
  UpstoxOrderBookData,
  UpstoxOrderData,
  UpstoxPositionData,
  UpstoxProfileData,
  UpstoxTokenResponse,
  UpstoxTradeData,
} from './upstox-wire.types';

/** Optional override of the read-retry policy (tests use tiny delays). */
export const UPSTOX_RETRY_OPTIONS = Symbol('UPSTOX_RETRY_OPTIONS');

const LTP_BATCH = 500;
/** DOCS margin: "A maximum of 20 instruments is allowed per request". */
const MARGIN_MAX_LEGS = 20;

type ReadRequest = Omit<UpstoxRequest, 'budget' | 'write' | 'retry' | 'baseUrl' | 'accessToken'>;

@Injectable()
export class HttpUpstoxClient extends UpstoxClient implements OnModuleDestroy {
  private readonly transport: UpstoxHttpTransport;
  private readonly wireDefaults: WireDefaults;

  constructor(
    http: HttpService,
    limiter: OutboundLimiter,
    @Inject(upstoxConfig.KEY) config: UpstoxConfig,
    @Optional() @Inject(UPSTOX_RETRY_OPTIONS) retryOptions?: RetryOptions,
  ) {
    super();
    this.transport = new UpstoxHttpTransport(http.axiosRef, limiter, config.timeoutMs, retryOptions ?? DEFAULT_RETRY_OPTIONS);
    this.wireDefaults = { marketProtection: config.marketProtection };
  }

  onModuleDestroy(): void {
    this.transport.destroy();
  }

  /** Closes keep-alive sockets (tests call it before stopping the simulator). */
  close(): void {
    this.transport.destroy();
  }

  authorizationUrl(e: UpstoxEndpoints, p: { clientId: string; redirectUri: string; state: string }): string {
    if (e.environment === 'sandbox') throw notAvailableInSandboxError('Signing in with Upstox');
    const query = new URLSearchParams({ response_type: 'code', client_id: p.clientId, redirect_uri: p.redirectUri, state: p.state });
    return `${e.apiUrl}/v2/login/authorization/dialog?${query.toString()}`;
  }

  async exchangeCode(
    e: UpstoxEndpoints,
    p: { code: string; clientId: string; clientSecret: string; redirectUri: string },
  ): Promise<UpstoxToken> {
    if (e.environment === 'sandbox') throw notAvailableInSandboxError('Signing in with Upstox');
    const req: UpstoxRequest = {
      method: 'POST', baseUrl: e.apiUrl, path: '/v2/login/authorization/token', budget: 'read', write: false,
      retry: false, // the code is single-use even when the exchange fails
      login: true,
      form: { code: p.code, client_id: p.clientId, client_secret: p.clientSecret, redirect_uri: p.redirectUri, grant_type: 'authorization_code' },
    };
    const body = (await this.transport.send(req)).data as Partial<UpstoxTokenResponse>;
    if (typeof body.access_token !== 'string' || body.access_token === '' || typeof body.user_id !== 'string') {
      throw malformedResponseError({ method: 'POST', path: req.path, write: false }, 200, 'token response without access_token/user_id');
    }
    const extendedToken = typeof body.extended_token === 'string' && body.extended_token !== '' ? body.extended_token : null;
    return { accessToken: body.access_token, extendedToken, profile: mapProfile(body as UpstoxProfileData) };
  }

  async getProfile(a: UpstoxAuth): Promise<Profile> {
    return mapProfile(await this.readData<UpstoxProfileData>(a, 'Your profile', { method: 'GET', path: '/v2/user/profile' }, isObject));
  }

  async getFunds(a: UpstoxAuth): Promise<Funds> {
    return mapFunds(await this.readData<UpstoxFundsData>(a, 'Funds', { method: 'GET', path: '/v2/user/get-funds-and-margin' }, isObject));
  }

  async logout(a: UpstoxAuth): Promise<void> {
    if (a.endpoints.environment === 'sandbox') throw notAvailableInSandboxError('Logging out at Upstox');
    await this.transport.send({
      method: 'DELETE', baseUrl: a.endpoints.apiUrl, path: '/v2/logout', accessToken: a.accessToken,
      budget: 'read', write: false, retry: false,
    });
  }

  async placeOrder(a: UpstoxAuth, o: BrokerPlaceOrder): Promise<PlaceOrderResult> {
    const env = await this.write(a, { method: 'POST', path: '/v3/order/place', json: toPlaceOrderBody(o, this.wireDefaults) });
    const data = env.data as { order_ids?: unknown };
    const ids = Array.isArray(data?.order_ids) ? data.order_ids.filter((id): id is string => typeof id === 'string') : [];
    if (ids.length === 0) {
      throw malformedResponseError({ method: 'POST', path: '/v3/order/place', write: true }, 200, 'no data.order_ids in the place answer');
    }
    return { orderIds: ids, latencyMs: latencyOf(env) };
  }

  /**
   * Upstox requires price and trigger_price on modify; our contract lets the caller omit them to keep
   * the order's values. When an omitted one matters for the order type, it is read from the order
   * first (not possible in the sandbox, where it is sent as 0).
   */
  async modifyOrder(a: UpstoxAuth, orderId: string, m: ModifyOrderRequest, instrument?: OrderInstrumentFacts): Promise<OrderActionResponse> {
    const omitted = omittedModifyValues(m);
    const mustRead = (omitted.price || omitted.triggerPrice) && a.endpoints.environment !== 'sandbox';
    const current = mustRead ? await this.getOrderDetails(a, orderId) : null;
    const body = toModifyOrderBody(orderId, m, current, this.wireDefaults, instrument);
    return orderAction(await this.write(a, { method: 'PUT', path: '/v3/order/modify', json: body }), orderId);
  }

  async cancelOrder(a: UpstoxAuth, orderId: string): Promise<OrderActionResponse> {
    return orderAction(await this.write(a, { method: 'DELETE', path: '/v3/order/cancel', query: { order_id: orderId } }), orderId);
  }

  async getOrderBook(a: UpstoxAuth): Promise<Order[]> {
    const rows = await this.readData<UpstoxOrderBookData[]>(a, 'The order book', { method: 'GET', path: '/v2/order/retrieve-all' }, Array.isArray);
    return rows.map(mapOrder);
  }

  async getOrderSnapshot(a: UpstoxAuth): Promise<OrderUpdate[]> {
    const rows = await this.readData<UpstoxOrderBookData[]>(a, 'The order book', { method: 'GET', path: '/v2/order/retrieve-all' }, Array.isArray);
    return rows.map(mapOrderUpdate);
  }

  async getOrderDetails(a: UpstoxAuth, orderId: string): Promise<Order> {
    const row = await this.readData<UpstoxOrderBookData>(a, 'Order details', { method: 'GET', path: '/v2/order/details', query: { order_id: orderId } }, isObject);
    return mapOrder(row);
  }

  async getOrderHistory(a: UpstoxAuth, q: { orderId?: string; tag?: string }): Promise<BrokerOrderRow[]> {
    const rows = await this.readData<UpstoxOrderData[]>(
      a, 'Order history', { method: 'GET', path: '/v2/order/history', query: { order_id: q.orderId, tag: q.tag } }, Array.isArray,
    );
    return rows.map(mapBrokerOrderRow);
  }

  async getTrades(a: UpstoxAuth): Promise<Trade[]> {
    const rows = await this.readData<UpstoxTradeData[]>(a, 'Trades', { method: 'GET', path: '/v2/order/trades/get-trades-for-day' }, Array.isArray);
    return rows.map(mapTrade);
  }

  async getTradesByOrder(a: UpstoxAuth, orderId: string): Promise<Trade[]> {
    const rows = await this.readData<UpstoxTradeData[]>(a, 'Trades', { method: 'GET', path: '/v2/order/trades', query: { order_id: orderId } }, Array.isArray);
    return rows.map(mapTrade);
  }

  async getPositions(a: UpstoxAuth): Promise<Position[]> {
    const rows = await this.readData<UpstoxPositionData[]>(a, 'Positions', { method: 'GET', path: '/v2/portfolio/short-term-positions' }, Array.isArray);
    return rows.map(mapPosition);
  }

  async getHoldings(a: UpstoxAuth): Promise<Holding[]> {
    const rows = await this.readData<UpstoxHoldingData[]>(a, 'Holdings', { method: 'GET', path: '/v2/portfolio/long-term-holdings' }, Array.isArray);
    return rows.map(mapHolding);
  }

  async authorizePortfolioFeed(a: UpstoxAuth, updateTypes: string[]): Promise<string> {
    const path = '/v2/feed/portfolio-stream-feed/authorize';
    const data = await this.readData<UpstoxFeedAuthorizeData>(
      a, 'The live account stream', { method: 'GET', path, query: { update_types: updateTypes.join(',') } }, isObject,
    );
    const uri = data.authorized_redirect_uri ?? data.authorizedRedirectUri;
    if (!isWebSocketUrl(uri)) throw malformedResponseError({ method: 'GET', path, write: false }, 200, 'no ws(s) authorized_redirect_uri');
    return uri;
  }

  async authorizeMarketDataFeed(a: UpstoxAuth): Promise<string> {
    const path = '/v3/feed/market-data-feed/authorize';
    const data = await this.readData<UpstoxFeedAuthorizeData>(a, 'The live market feed', { method: 'GET', path }, isObject);
    const uri = data.authorized_redirect_uri ?? data.authorizedRedirectUri;
    if (!isWebSocketUrl(uri)) throw malformedResponseError({ method: 'GET', path, write: false }, 200, 'no ws(s) authorized_redirect_uri');
    return uri;
  }

  async getIntradayCandles(a: UpstoxAuth, instrumentKey: string, unit: CandleUnit, interval: number): Promise<Candle[]> {
    const path = `/v3/historical-candle/intraday/${encodeURIComponent(instrumentKey)}/${unit}/${interval}`;
    return mapCandles(await this.readData<UpstoxCandleData>(a, 'Intraday candles', { method: 'GET', path }, hasCandles));
  }

  async getHistoricalCandles(a: UpstoxAuth, q: HistoricalCandleQuery): Promise<Candle[]> {
    const from = q.fromDate ? `/${q.fromDate}` : '';
    const path = `/v3/historical-candle/${encodeURIComponent(q.instrumentKey)}/${q.unit}/${q.interval}/${q.toDate}${from}`;
    return mapCandles(await this.readData<UpstoxCandleData>(a, 'Historical candles', { method: 'GET', path }, hasCandles));
  }

  async getMargin(a: UpstoxAuth, instruments: MarginInstrument[]): Promise<MarginResult> {
    if (instruments.length === 0 || instruments.length > MARGIN_MAX_LEGS) {
      throw new UpstoxApiError({
        code: 'VALIDATION_FAILED', title: ERROR_TITLES.invalidInput, httpStatus: 400,
        message: `Upstox computes the margin of 1 to ${MARGIN_MAX_LEGS} instruments at a time; this asked for ${instruments.length}.`,
        nextStep: `Ask for at most ${MARGIN_MAX_LEGS} instruments.`,
        upstreamStatus: null, outcome: 'rejected', logDetail: 'margin: leg count out of range; not sent',
      });
    }
    const data = await this.readData<UpstoxMarginData>(
      a, 'Margin', { method: 'POST', path: '/v2/charges/margin', json: toMarginBody(instruments) }, (d) => isObject(d) && Array.isArray((d as UpstoxMarginData).margins),
    );
    return mapMargin(data);
  }

  async getBrokerage(a: UpstoxAuth, q: BrokerageQuery): Promise<BrokerageCharges> {
    const query = {
      instrument_token: q.instrumentKey, quantity: String(q.quantity), product: q.product, transaction_type: q.transactionType, price: String(q.price),
    };
    const data = await this.readData<UpstoxBrokerageData>(
      a, 'Charges', { method: 'GET', path: '/v2/charges/brokerage', query }, (d) => isObject(d) && isObject((d as UpstoxBrokerageData).charges),
    );
    return mapBrokerage(data);
  }

  async getMarketStatus(a: UpstoxAuth, exchange: string): Promise<ExchangeStatus> {
    const path = `/v2/market/status/${encodeURIComponent(exchange)}`;
    return mapExchangeStatus(await this.readData<unknown>(a, 'Market status', { method: 'GET', path }, isStatusData), exchange);
  }

  async getMarketTimings(a: UpstoxAuth, date: string): Promise<ExchangeTiming[]> {
    const path = `/v2/market/timings/${encodeURIComponent(date)}`;
    const rows = await this.readData<unknown[]>(a, 'Market timings', { method: 'GET', path }, (d) => Array.isArray(d) && d.every(isTimingRow));
    return rows.map(mapTiming);
  }

  async getMarketHolidays(a: UpstoxAuth): Promise<MarketHoliday[]> {
    const rows = await this.readData<unknown[]>(a, 'Market holidays', { method: 'GET', path: '/v2/market/holidays' }, (d) => Array.isArray(d) && d.every(isHolidayRow));
    return rows.map(mapHoliday);
  }

  async getLastPrices(a: UpstoxAuth, instrumentKeys: string[]): Promise<Record<string, number>> {
    if (a.endpoints.environment === 'sandbox') throw notAvailableInSandboxError('Market quotes');
    const keys = [...new Set(instrumentKeys)];
    const prices: Record<string, number> = {};
    for (let i = 0; i < keys.length; i += LTP_BATCH) {
      const batch = keys.slice(i, i + LTP_BATCH).join(',');
      const data = await this.readData<Record<string, UpstoxLtpQuote>>(
        a, 'Market quotes', { method: 'GET', path: '/v3/market-quote/ltp', query: { instrument_key: batch } }, isObject,
      );
      // Upstox keys the map by SEGMENT:SYMBOL; the instrument key is inside each value.
      for (const quote of Object.values(data)) {
        if (quote && typeof quote.instrument_token === 'string' && typeof quote.last_price === 'number') {
          prices[quote.instrument_token] = quote.last_price;
        }
      }
    }
    return prices;
  }

  async getUserIp(a: UpstoxAuth): Promise<UserStaticIps> {
    return mapUserIps(await this.readData<UpstoxUserIpData>(a, 'Static IPs', { method: 'GET', path: '/v2/user/ip' }, isObject));
  }

  async getKillSwitch(a: UpstoxAuth): Promise<UpstoxKillSwitchSegmentState[]> {
    return mapKillSwitch(await this.readData<UpstoxKillSwitchRow[]>(a, "Upstox's kill switch", { method: 'GET', path: '/v2/user/kill-switch' }, Array.isArray));
  }

  /** On the main host (not an order path), write budget, never retried: an unclear answer may have changed it. */
  async setKillSwitch(a: UpstoxAuth, changes: UpstoxKillSwitchChange[]): Promise<UpstoxKillSwitchSegmentState[]> {
    if (a.endpoints.environment === 'sandbox') throw notAvailableInSandboxError("Upstox's kill switch");
    const path = '/v2/user/kill-switch';
    const env = await this.transport.send({
      method: 'POST', path, json: toKillSwitchBody(changes), baseUrl: a.endpoints.apiUrl, accessToken: a.accessToken, budget: 'write', write: true, retry: false,
    });
    if (!Array.isArray(env.data)) throw malformedResponseError({ method: 'POST', path, write: true }, 200, 'kill-switch answer without a data array');
    return mapKillSwitch(env.data as UpstoxKillSwitchRow[]);
  }

  /** A read: refused locally in the sandbox, retried on 429/5xx/network, mapped from `data`. */
  private async readData<T>(a: UpstoxAuth, what: string, r: ReadRequest, check: (d: unknown) => boolean): Promise<T> {
    if (a.endpoints.environment === 'sandbox') throw notAvailableInSandboxError(what);
    const env = await this.transport.send({ ...r, baseUrl: a.endpoints.apiUrl, accessToken: a.accessToken, budget: 'read', write: false, retry: true });
    if (!check(env.data)) throw malformedResponseError({ method: r.method, path: r.path, write: false }, 200, 'unexpected data shape');
    return env.data as T;
  }

  /** An order write: order host, write budget, never retried. */
  private write(a: UpstoxAuth, r: ReadRequest): Promise<UpstoxEnvelope> {
    return this.transport.send({ ...r, baseUrl: a.endpoints.orderUrl, accessToken: a.accessToken, budget: 'write', write: true, retry: false });
  }

}

function orderAction(env: UpstoxEnvelope, requestedId: string): OrderActionResponse {
  const data = env.data as { order_id?: unknown } | null;
  const orderId = data && typeof data.order_id === 'string' ? data.order_id : requestedId;
  return { orderId, latencyMs: latencyOf(env) };
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasCandles(value: unknown): boolean {
  return isObject(value) && Array.isArray((value as UpstoxCandleData).candles);
}

function isWebSocketUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'wss:' || url.protocol === 'ws:';
  } catch {
    return false;
  }
}

function latencyOf(env: UpstoxEnvelope): number | null {
  const latency = env.metadata?.latency;
  return typeof latency === 'number' && Number.isFinite(latency) ? latency : null;
}
