import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, provideFakeEventSources } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { connected, connectionStatus } from '../testing/connection-fixtures';
import { ConnectionClock } from './connection-clock';
import { ConnectionStatusStore } from './connection-status-store';

describe('ConnectionStatusStore', () => {
  let fakes: FakeEventSources;
  let store: ConnectionStatusStore;
  let backend: HttpTestingController;
  let events: DeskEvents;

  beforeEach(() => {
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting(), provideFakeEventSources(fakes)] });
    store = TestBed.inject(ConnectionStatusStore);
    backend = TestBed.inject(HttpTestingController);
    events = TestBed.inject(DeskEvents);
    events.start();
    fakes.latest.open();
  });

  afterEach(() => {
    events.stop();
    backend.verify();
  });

  it('keeps a pushed status when a read that started before it lands later', async () => {
    const reading = store.refresh();
    fakes.latest.emit('connection', connectionStatus({ state: 'expired', reason: 'The token expired at 03:30 IST.' }), 1);
    backend.expectOne('/api/connection').flush(connected());
    expect(await reading).toBeNull();
    expect(store.status()?.state).toBe('expired');
    expect(store.checking()).toBe(false);
  });

  it('says when the api gave no answer (npm start stopped), until a status arrives again; an api error is not that', async () => {
    let reading = store.refresh();
    backend.expectOne('/api/connection').flush(connected());
    await reading;
    expect(store.apiUnreachable()).toBe(false);

    reading = store.refresh();
    backend.expectOne('/api/connection').error(new ProgressEvent('error'), { status: 0 });
    await reading;
    expect(store.apiUnreachable()).toBe(true);
    expect(store.status()?.state).toBe('connected'); // the one last seen

    reading = store.refresh();
    backend.expectOne('/api/connection').flush('Bad Gateway', { status: 502, statusText: 'Bad Gateway' }); // the dev proxy's
    await reading;
    expect(store.apiUnreachable()).toBe(true);

    reading = store.refresh();
    backend.expectOne('/api/connection').flush(connected());
    await reading;
    expect(store.apiUnreachable()).toBe(false);

    // The api's own errors answer it, a 503 too.
    reading = store.refresh();
    backend
      .expectOne('/api/connection')
      .flush({ code: 'UPSTOX_UNAVAILABLE', title: 'Upstox error', message: 'Upstox is down.', requestId: 'r' }, { status: 503, statusText: 'Service Unavailable' });
    await reading;
    expect(store.apiUnreachable()).toBe(false);
    expect(store.error()?.message).toBe('Upstox is down.');

    reading = store.refresh();
    backend.expectOne('/api/connection').error(new ProgressEvent('error'), { status: 0 });
    await reading;
    fakes.latest.emit('connection', connected(), 2);
    expect(store.apiUnreachable()).toBe(false);
  });

  it('keeps a failed disconnect visible as the error, and the status as it was', async () => {
    const reading = store.refresh();
    backend.expectOne('/api/connection').flush(connected());
    await reading;
    const disconnecting = store.disconnect();
    backend
      .expectOne({ method: 'DELETE', url: '/api/connection' })
      .flush({ code: 'INTERNAL_ERROR', title: 'Request refused', message: 'Disk full.', requestId: 'r' }, { status: 500, statusText: 'Error' });
    expect(await disconnecting).toMatchObject({ ok: false, error: { message: 'Disk full.' } });
    expect(store.error()?.message).toBe('Disk full.');
    expect(store.status()?.state).toBe('connected');
    expect(store.busy()).toBe(false);
  });

  it('moves the clock to now whenever a status is stored', () => {
    jest.useFakeTimers({ now: new Date('2025-01-06T04:00:00Z') });
    try {
      const clock = TestBed.inject(ConnectionClock);
      jest.setSystemTime(new Date('2025-01-06T05:00:00Z'));
      fakes.latest.emit('connection', connected(), 1);
      expect(clock.now().toISOString()).toBe('2025-01-06T05:00:00.000Z');
    } finally {
      jest.useRealTimers();
    }
  });
});
