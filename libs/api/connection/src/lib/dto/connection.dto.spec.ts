import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ConnectWithTokenDto, StartOAuthDto } from './connection.dto';

const valid = { apiKey: 'demo-key', apiSecret: 'demo-secret', redirectUri: 'http://localhost:5000/callback', environment: 'simulator' };
const failedFields = (cls: new () => object, body: object) =>
  validateSync(plainToInstance(cls, body), { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.property).sort();

describe('StartOAuthDto', () => {
  it('accepts the guide values', () => {
    expect(failedFields(StartOAuthDto, valid)).toEqual([]);
    expect(failedFields(StartOAuthDto, { ...valid, redirectUri: 'https://desk.example.com/callback', environment: 'live' })).toEqual([]);
    expect(failedFields(StartOAuthDto, { ...valid, redirectUri: 'http://127.0.0.1:5000/callback' })).toEqual([]);
  });

  it('refuses empty, oversized or malformed fields, one message per field', () => {
    expect(failedFields(StartOAuthDto, { ...valid, apiKey: '' })).toEqual(['apiKey']);
    expect(failedFields(StartOAuthDto, { ...valid, apiSecret: 'x'.repeat(201) })).toEqual(['apiSecret']);
    expect(failedFields(StartOAuthDto, { ...valid, apiKey: 'has space' })).toEqual(['apiKey']);
    expect(failedFields(StartOAuthDto, { ...valid, redirectUri: 'javascript:alert(1)' })).toEqual(['redirectUri']);
    expect(failedFields(StartOAuthDto, { ...valid, redirectUri: 'ftp://localhost/callback' })).toEqual(['redirectUri']);
    expect(failedFields(StartOAuthDto, { ...valid, environment: 'prod' })).toEqual(['environment']);
    expect(failedFields(StartOAuthDto, { ...valid, apiKey: 42 })).toEqual(['apiKey']);
    expect(failedFields(StartOAuthDto, {})).toEqual(['apiKey', 'apiSecret', 'environment', 'redirectUri']);
  });

  it('refuses unknown properties', () => {
    expect(failedFields(StartOAuthDto, { ...valid, returnTo: 'https://evil.example' })).toEqual(['returnTo']);
  });
});

describe('ConnectWithTokenDto', () => {
  const token = { apiKey: 'k', apiSecret: 's', accessToken: 'eyJhbGciOiJIUzI1NiJ9.e30.sig', environment: 'sandbox' };
  it('accepts a token and bounds its length', () => {
    expect(failedFields(ConnectWithTokenDto, token)).toEqual([]);
    expect(failedFields(ConnectWithTokenDto, { ...token, accessToken: 'x'.repeat(4097) })).toEqual(['accessToken']);
    expect(failedFields(ConnectWithTokenDto, { ...token, accessToken: '' })).toEqual(['accessToken']);
    expect(failedFields(ConnectWithTokenDto, { ...token, accessToken: 'Bearer abc' })).toEqual(['accessToken']);
  });
});
