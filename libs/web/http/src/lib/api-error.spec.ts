import { HttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ApiErrorBody } from '@desk/contracts';
import { firstValueFrom } from 'rxjs';
import { ApiRequestError, errorStatus, toApiErrorBody } from './api-error';
import { provideDeskHttp } from './provide-desk-http';

describe('api error mapping', () => {
  let http: HttpClient;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  async function failWith(body: string | object, status: number, statusText = 'Error'): Promise<unknown> {
    const pending = firstValueFrom(http.get('/api/profile')).catch((e: unknown) => e);
    backend.expectOne('/api/profile').flush(body, { status, statusText });
    return pending;
  }

  it('passes the api error body through unchanged, with the status', async () => {
    const body: ApiErrorBody = {
      code: 'NOT_AUTHENTICATED',
      title: 'Not authenticated',
      message: 'No Upstox access token is set.',
      nextStep: 'Reconnect using the Connect button.',
      requestId: 'req-1',
    };
    const error = await failWith(body, 401);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(toApiErrorBody(error)).toEqual(body);
    expect(errorStatus(error)).toBe(401);
  });

  it('turns a network failure into "Connection Failed" with a next step', async () => {
    const pending = firstValueFrom(http.get('/api/orders')).catch((e: unknown) => e);
    backend.expectOne('/api/orders').error(new ProgressEvent('error'), { status: 0, statusText: '' });
    const body = toApiErrorBody(await pending);
    expect(body.title).toBe('Connection Failed');
    expect(body.message).toContain('could not reach its api');
    expect(body.nextStep).toContain('npm start');
  });

  it('explains a bare HTTP error that carries no api body', async () => {
    const body = toApiErrorBody(await failWith('<html>teapot</html>', 418, 'I am a teapot'));
    expect(body.title).toBe('Request refused');
    expect(body.message).toBe('The api answered HTTP 418 I am a teapot without an explanation.');
  });

  it('reads an api body that arrived as a JSON string', async () => {
    const json = JSON.stringify({ code: 'RATE_LIMITED', title: 'Request refused', message: 'Slow down.', requestId: 'r' });
    const body = toApiErrorBody(await failWith(json, 429));
    expect(body.code).toBe('RATE_LIMITED');
    expect(body.message).toBe('Slow down.');
  });

  it('describes a programming error instead of throwing', () => {
    expect(toApiErrorBody(new Error('boom')).message).toBe('boom');
    expect(toApiErrorBody('weird').title).toBe('Request refused');
  });

  it('sends the XSRF cookie back as the X-XSRF-TOKEN header on state changes', async () => {
    document.cookie = 'XSRF-TOKEN=abc123';
    const pending = firstValueFrom(http.post('/api/session', { token: 't' }));
    const request = backend.expectOne('/api/session');
    expect(request.request.headers.get('X-XSRF-TOKEN')).toBe('abc123');
    request.flush({});
    await pending;
    document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });
});
