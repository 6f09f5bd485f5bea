import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FundsView, Profile } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, goLive, provideFakeEventSources, upstreamStatus } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { ProfileStore } from './profile-store';

const PROFILE = { userId: 'SIM1', userName: 'Demo Trader', email: 'd@x', broker: 'UPSTOX', userType: 'individual', exchanges: ['NSE'], products: ['D'], orderTypes: [], isActive: true, poa: false, ddpi: false } as Profile;
function funds(available: number): FundsView {
  return {
    equity: { availableMargin: available, usedMargin: 0, payinAmount: 0, spanMargin: 0, exposureMargin: 0, adhocMargin: 0, notionalCash: 0 },
    commodity: null,
    asOf: '2026-11-28T10:15:00+05:30',
    source: 'stream',
  };
}

describe('ProfileStore and funds events', () => {
  let store: ProfileStore;
  let events: DeskEvents;
  let fakes: FakeEventSources;
  let backend: HttpTestingController;

  beforeEach(async () => {
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting(), provideFakeEventSources(fakes)] });
    store = TestBed.inject(ProfileStore);
    events = TestBed.inject(DeskEvents);
    backend = TestBed.inject(HttpTestingController);
    const loading = store.load();
    backend.expectOne('/api/profile').flush(PROFILE);
    backend.expectOne('/api/funds').flush(funds(1000));
    await loading;
  });

  afterEach(() => {
    events.stop();
    backend.verify();
  });

  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('a funds event replaces the funds without a read; becoming live re-reads them once', async () => {
    const source = goLive(events, fakes);
    backend.expectOne('/api/funds').flush(funds(1000));
    await tick();
    source.emit('funds', funds(750.5), 8);
    expect(store.funds()?.equity.availableMargin).toBe(750.5);
    backend.expectNone('/api/funds');
  });

  it('loaded while the stream opens: the profile at once, the funds once, after the stream went live', async () => {
    store.reset();
    events.start();
    const loading = store.load();
    backend.expectOne('/api/profile').flush(PROFILE);
    backend.expectNone('/api/funds');
    expect(store.loading()).toBe(true);
    fakes.latest.open(upstreamStatus('live'));
    events.reportUpstream(upstreamStatus('live'));
    backend.expectOne('/api/funds').flush(funds(900));
    await loading;
    expect(store.loading()).toBe(false);
    expect(store.funds()?.equity.availableMargin).toBe(900);
    backend.expectNone('/api/funds');
  });

  it('a funds read that started before an event does not overwrite it', async () => {
    const source = goLive(events, fakes);
    const stale = backend.expectOne('/api/funds');
    source.emit('funds', funds(600), 9);
    stale.flush(funds(1000));
    await tick();
    expect(store.funds()?.equity.availableMargin).toBe(600);
  });

  it('during Upstox\'s funds maintenance: no funds and no error, the message and when they come back; a later read brings them back', async () => {
    const refreshed = store.refreshFunds();
    backend.expectOne('/api/funds').flush({
      unavailable: { reason: 'upstox-maintenance', message: 'Funds unavailable 00:00-05:30 IST (Upstox maintenance).', availableFrom: '2026-12-01T00:00:00.000Z' },
      asOf: '2026-11-30T20:00:00.000Z',
    });
    await refreshed;
    expect(store.funds()).toBeNull();
    expect(store.fundsError()).toBeNull();
    expect(store.fundsUnavailable()).toEqual({ message: 'Funds unavailable 00:00-05:30 IST (Upstox maintenance).', availableAgain: 'Available again at 05:30 IST.' });

    const again = store.refreshFunds();
    backend.expectOne('/api/funds').flush(funds(900));
    await again;
    expect(store.fundsUnavailable()).toBeNull();
    expect(store.funds()?.equity.availableMargin).toBe(900);
  });

  it('after a reset (disconnected) events are ignored', () => {
    const source = goLive(events, fakes);
    backend.expectOne('/api/funds').flush(funds(1000));
    store.reset();
    source.emit('funds', funds(1), 10);
    expect(store.funds()).toBeNull();
  });
});
