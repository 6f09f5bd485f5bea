import { Test } from '@nestjs/testing';
import { parseUpstoxConfig } from './upstox.config';
import { UpstoxClientModule } from './upstox-client.module';
import { UpstoxClient } from './upstox-client';
import { UpstoxEndpointsResolver } from './upstox-endpoints';
import { HttpUpstoxClient } from './http-upstox-client';
import { OutboundLimiter } from './outbound-limiter';

describe('upstox config', () => {
  it('has the documented defaults', () => {
    expect(parseUpstoxConfig({})).toEqual({
      apiUrl: 'https://api.upstox.com',
      orderUrl: 'https://api-hft.upstox.com',
      sandboxUrl: 'https://api-sandbox.upstox.com',
      simUrl: 'http://127.0.0.1:5100',
      simPort: 5100,
      timeoutMs: 10_000,
      marketProtection: -1,
    });
  });

  it('reads UPSTOX_MARKET_PROTECTION: -1 or 0-25 percent', () => {
    expect(parseUpstoxConfig({ UPSTOX_MARKET_PROTECTION: '5' }).marketProtection).toBe(5);
    expect(parseUpstoxConfig({ UPSTOX_MARKET_PROTECTION: '0' }).marketProtection).toBe(0);
    expect(parseUpstoxConfig({ UPSTOX_MARKET_PROTECTION: '2.5' }).marketProtection).toBe(2.5);
    for (const bad of ['26', '-2', 'auto', '1.234']) {
      expect(() => parseUpstoxConfig({ UPSTOX_MARKET_PROTECTION: bad })).toThrow(/UPSTOX_MARKET_PROTECTION must be -1 .* from 0 to 25/);
    }
  });

  it('derives the simulator URL from UPSTOX_SIM_PORT and trims trailing slashes', () => {
    const c = parseUpstoxConfig({ UPSTOX_SIM_PORT: '6200', UPSTOX_API_URL: 'http://127.0.0.1:9/', UPSTOX_TIMEOUT_MS: '2500' });
    expect(c.simUrl).toBe('http://127.0.0.1:6200');
    expect(c.apiUrl).toBe('http://127.0.0.1:9');
    expect(c.timeoutMs).toBe(2500);
    expect(parseUpstoxConfig({ UPSTOX_SIM_URL: 'http://sim.local:7000' }).simUrl).toBe('http://sim.local:7000');
  });

  it.each([
    [{ UPSTOX_API_URL: 'api.upstox.com' }, /UPSTOX_API_URL must be an http\(s\) URL/],
    [{ UPSTOX_ORDER_URL: 'ftp://x' }, /UPSTOX_ORDER_URL must use http or https/],
    [{ UPSTOX_SANDBOX_URL: 'https://u:p@x' }, /UPSTOX_SANDBOX_URL must be a plain base URL/],
    [{ UPSTOX_SIM_URL: 'http://x?a=1' }, /UPSTOX_SIM_URL must be a plain base URL/],
    [{ UPSTOX_TIMEOUT_MS: '0' }, /UPSTOX_TIMEOUT_MS must be a positive integer/],
    [{ UPSTOX_TIMEOUT_MS: '1.5' }, /UPSTOX_TIMEOUT_MS must be a positive integer/],
    [{ UPSTOX_TIMEOUT_MS: 'ten' }, /UPSTOX_TIMEOUT_MS must be a positive integer/],
    [{ UPSTOX_SIM_PORT: '70000' }, /UPSTOX_SIM_PORT must be a positive integer/],
  ])('rejects %j with a clear message', (env, message) => {
    expect(() => parseUpstoxConfig(env)).toThrow(message);
  });
});

describe('UpstoxClientModule', () => {
  it('provides the client, the resolver and one limiter from an explicit environment', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [UpstoxClientModule.forRoot({ env: { UPSTOX_SIM_URL: 'http://127.0.0.1:5999' } })],
    }).compile();
    expect(moduleRef.get(UpstoxClient)).toBeInstanceOf(HttpUpstoxClient);
    expect(moduleRef.get(UpstoxClient)).toBe(moduleRef.get(HttpUpstoxClient));
    expect(moduleRef.get(OutboundLimiter).limits.write[0]).toEqual({ limit: 8, windowMs: 1_000 });
    const resolver = moduleRef.get(UpstoxEndpointsResolver);
    expect(resolver.resolve('simulator')).toEqual({ environment: 'simulator', apiUrl: 'http://127.0.0.1:5999', orderUrl: 'http://127.0.0.1:5999' });
    expect(resolver.resolve('live')).toEqual({ environment: 'live', apiUrl: 'https://api.upstox.com', orderUrl: 'https://api-hft.upstox.com' });
    expect(resolver.resolve('sandbox')).toEqual({
      environment: 'sandbox', apiUrl: 'https://api-sandbox.upstox.com', orderUrl: 'https://api-sandbox.upstox.com',
    });
    await moduleRef.close();
  });

  it('reads the upstox namespace from the process environment when imported plainly', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [UpstoxClientModule] }).compile();
    expect(moduleRef.get(UpstoxEndpointsResolver).resolve('live').orderUrl).toBe(
      parseUpstoxConfig(process.env).orderUrl,
    );
    await moduleRef.close();
  });

  it('fails at boot on a bad value', async () => {
    await expect(
      Test.createTestingModule({ imports: [UpstoxClientModule.forRoot({ env: { UPSTOX_TIMEOUT_MS: '-1' } })] }).compile(),
    ).rejects.toThrow(/UPSTOX_TIMEOUT_MS/);
  });
});
