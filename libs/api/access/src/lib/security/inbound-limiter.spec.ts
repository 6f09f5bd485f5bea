import { inboundBucketOf } from './inbound-limiter';

describe('inboundBucketOf', () => {
  it.each([
    ['GET', '/api/orders', 'read'],
    ['HEAD', '/api/orders/', 'read'],
    ['GET', '/api/orders/250101000000001', 'read'],
    ['GET', '/api/orders/kill-switch', 'read'],
    ['GET', '/api/trades', 'read'],
    ['GET', '/api/positions', 'read'],
    ['GET', '/api/holdings', 'read'],
    ['GET', '/api/funds', 'read'],
    ['GET', '/api/events', 'read'],
    ['GET', '/api/connection', 'read'],
    ['GET', '/api/session', 'read'],
    ['POST', '/api/orders', 'strict'],
    ['PUT', '/api/orders/1', 'strict'],
    ['DELETE', '/api/orders/1', 'strict'],
    ['GET', '/api/orders/1/history', 'strict'],
    ['GET', '/api/instruments', 'strict'],
    ['GET', '/api/connection/simulator-app', 'strict'],
    ['GET', '/api/keys', 'strict'],
    ['GET', '/api/profile', 'strict'],
    ['GET', '/api/order-intents', 'strict'],
    ['POST', '/api/session', 'sign-in'],
    ['DELETE', '/api/session', 'strict'],
    ['GET', '/', 'sign-in'],
    ['GET', '/callback', 'callback'],
    ['GET', '/callback/done', 'callback'],
  ])('%s %s -> %s', (method, path, bucket) => {
    expect(inboundBucketOf(method, path)).toBe(bucket);
  });
});
