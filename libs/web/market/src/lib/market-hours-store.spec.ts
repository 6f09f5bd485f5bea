import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MarketHoursView, MarketStatusView } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, provideFakeEventSources, upstreamStatus } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { MARKET_HOURS_REFRESH_MS, MarketHoursStore } from './market-hours-store';
import { MarketPhaseBadge } from './market-phase-badge';

const HOURS_URL = '/api/market/hours?exchange=NSE';
/** Thu 24 Dec 2026 in the session (10:00 IST), closing 15:30 IST. */
const openHours: MarketHoursView = {
  exchange: 'NSE', open: true, phase: 'open', source: 'feed', closesAt: '2026-12-24T10:00:00.000Z', nextOpenAt: null, holiday: null, asOf: '2026-12-24T04:30:00.000Z',
};
/** After the close before the Friday holiday: next open Mon 28 Dec 09:15 IST. */
const closedHours: MarketHoursView = {
  exchange: 'NSE', open: false, phase: 'closed', source: 'feed', closesAt: null, nextOpenAt: '2026-12-28T03:45:00.000Z', holiday: null, asOf: '2026-12-24T10:30:00.000Z',
};
const closedStatus: MarketStatusView = { segments: { NSE_EQ: { phase: 'closed', upstoxStatus: 'NORMAL_CLOSE' } }, asOf: '2026-12-24T10:30:00.000Z' };

describe('MarketHoursStore (issue 9 item 2)', () => {
  let fakes: FakeEventSources;
  let backend: HttpTestingController;
  let events: DeskEvents;
  let store: MarketHoursStore;

  beforeEach(() => {
    jest.useFakeTimers();
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting(), provideFakeEventSources(fakes)] });
    backend = TestBed.inject(HttpTestingController);
    events = TestBed.inject(DeskEvents);
    store = TestBed.inject(MarketHoursStore);
  });

  afterEach(() => {
    events.stop();
    jest.useRealTimers();
    backend.verify();
  });

  const settle = async () => {
    TestBed.tick();
    await jest.advanceTimersByTimeAsync(0);
  };
  async function openStream(): Promise<void> {
    events.start();
    fakes.latest.open(upstreamStatus('live'));
    await settle();
  }

  it('reads NSE\'s hours when the stream opens: label and no AMO advice while open', async () => {
    expect(store.label()).toBeNull();
    await openStream();
    backend.expectOne(HOURS_URL).flush(openHours);
    await settle();
    expect(store.label()).toBe('NSE open until 15:30');
    expect(store.closedAdvice()).toBeNull();
  });

  it('re-reads on a market event and every minute; closed gives the next open and the AMO advice', async () => {
    await openStream();
    backend.expectOne(HOURS_URL).flush(openHours);
    await settle();

    fakes.latest.emit('market', closedStatus, 3);
    backend.expectOne(HOURS_URL).flush(closedHours);
    await settle();
    expect(store.label()).toBe('NSE closed - opens Mon 09:15');
    expect(store.closedAdvice()).toEqual({
      amo: 'After-market order: sent to the exchange when it opens at 09:15',
      regularRefused: 'NSE is closed: Upstox refuses regular orders until 09:15 Mon',
    });

    await jest.advanceTimersByTimeAsync(MARKET_HOURS_REFRESH_MS - 1);
    backend.expectNone(HOURS_URL);
    await jest.advanceTimersByTimeAsync(1);
    backend.expectOne(HOURS_URL).flush(openHours);
    await settle();
    expect(store.label()).toBe('NSE open until 15:30');
  });

  it('a failed read leaves the hours unknown (no guess); closing the stream forgets them and stops the re-reads', async () => {
    await openStream();
    backend.expectOne(HOURS_URL).flush({ code: 'X', title: 'x', message: 'x', requestId: 'r' }, { status: 500, statusText: 'Error' });
    await settle();
    expect(store.hours()).toBeNull();

    await jest.advanceTimersByTimeAsync(MARKET_HOURS_REFRESH_MS);
    backend.expectOne(HOURS_URL).flush(closedHours);
    await settle();
    expect(store.label()).toBe('NSE closed - opens Mon 09:15');

    events.stop();
    await settle();
    expect(store.label()).toBeNull();
    await jest.advanceTimersByTimeAsync(MARKET_HOURS_REFRESH_MS * 2);
    backend.expectNone(HOURS_URL);
  });

  it('a read asked for before the stream opens (the Place Order dialog) lands', async () => {
    const read = store.load();
    await settle();
    backend.expectOne(HOURS_URL).flush(closedHours);
    await read;
    expect(store.label()).toBe('NSE closed - opens Mon 09:15');
  });

  it('a read that started before a newer one does not overwrite it', async () => {
    await openStream();
    const older = backend.expectOne(HOURS_URL);
    fakes.latest.emit('market', closedStatus, 4);
    const newer = backend.match(HOURS_URL);
    expect(newer).toHaveLength(1);
    newer[0].flush(closedHours);
    older.flush(openHours);
    await settle();
    expect(store.label()).toBe('NSE closed - opens Mon 09:15');
  });

  it('the top bar badge shows the hours when known, with the colour of open/closed', async () => {
    const fixture = TestBed.createComponent(MarketPhaseBadge);
    await openStream();
    backend.expectOne('/api/market/status').flush({ segments: {}, asOf: '2026-12-24T10:30:00.000Z' });
    backend.expectOne(HOURS_URL).flush(closedHours);
    await settle();
    fixture.detectChanges();
    const badge = fixture.nativeElement.querySelector('[data-testid=market-phase]') as HTMLElement | null;
    expect(badge?.textContent?.trim()).toBe('NSE closed - opens Mon 09:15');
    expect(badge?.getAttribute('data-phase')).toBe('closed');
  });
});
