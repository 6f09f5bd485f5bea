import { Stack, startStack } from '../support/stack';

/** Other clients build on /api/docs-json: the order routes and their DTO shapes must be in it. */
describe('OpenAPI for the order routes', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('documents every order, trade, instrument and profile route with the place and modify bodies', async () => {
    const browser = stack.browser();
    await browser.signIn();
    const res = await browser.api('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/orders']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/orders/{id}']).sort()).toEqual(['delete', 'get', 'put']);
    expect(Object.keys(paths['/api/orders/kill-switch']).sort()).toEqual(['get', 'put']);
    for (const p of ['/api/trades', '/api/instruments', '/api/profile', '/api/funds', '/api/positions', '/api/holdings', '/api/events', '/api/order-intents', '/api/order-intents/{intentId}']) {
      expect(paths[p]?.['get']).toBeDefined();
    }
    const schemas = res.body.components.schemas as Record<string, { required?: string[]; properties: Record<string, { enum?: string[]; description?: string }> }>;
    expect(schemas['PlaceOrderDto'].required?.sort()).toEqual(['instrumentKey', 'orderType', 'product', 'quantity', 'transactionType', 'validity']);
    expect(schemas['PlaceOrderDto'].properties['orderType'].enum).toEqual(['MARKET', 'LIMIT', 'SL', 'SL-M']);
    expect(schemas['ModifyOrderDto'].required?.sort()).toEqual(['orderType', 'validity']);
    for (const name of [
      'OrderDto', 'OrdersViewDto', 'OrderDetailsViewDto', 'TradeDto', 'TradesViewDto', 'PositionsViewDto', 'PositionDto',
      'HoldingsViewDto', 'HoldingDto', 'FundsViewDto', 'InstrumentSearchResponseDto', 'OrderIntentViewDto', 'ProfileDto',
    ]) {
      expect(Object.keys(schemas[name]?.properties ?? {}).length).toBeGreaterThan(1);
    }
    // The name says placed; the value is Upstox's order_timestamp, which moves with every update: the docs say so.
    expect(schemas['OrderDto'].properties['placedAt'].description).toContain('latest update');
    const post = paths['/api/orders']['post'] as { parameters: { name: string; in: string }[]; responses: Record<string, unknown> };
    expect(post.parameters.some((p) => p.name === 'Idempotency-Key' && p.in === 'header')).toBe(true);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '202']));
  });
});
