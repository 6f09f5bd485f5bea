import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MarketStatusView } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, provideFakeEventSources, upstreamStatus } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { MarketPhaseBadge } from './market-phase-badge';
import { MarketStatusStore } from './market-status-store';

const status = (phase: 'open' | 'closed', upstoxStatus = phase === 'open' ? 'NORMAL_OPEN' : 'NORMAL_CLOSE'): MarketStatusView => ({
  segments: { NSE_EQ: { phase, upstoxStatus }, NSE_FO: { phase, upstoxStatus } },
  asOf: '2026-12-01T04:00:00.000Z',
});

describe('MarketStatusStore and the top bar badge', () => {
  let fakes: FakeEventSources;
  let backend: HttpTestingController;
  let events: DeskEvents;

  beforeEach(() => {
    jest.useFakeTimers();
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting(), provideFakeEventSources(fakes)] });
    backend = TestBed.inject(HttpTestingController);
    events = TestBed.inject(DeskEvents);
  });

  afterEach(() => {
    jest.useRealTimers();
    backend.verify();
  });

  const settle = async () => {
    TestBed.tick();
    await jest.advanceTimersByTimeAsync(0);
  };

  it('reads the status when the stream opens, follows market events, forgets it when closed', async () => {
    const store = TestBed.inject(MarketStatusStore);
    const fixture = TestBed.createComponent(MarketPhaseBadge);
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent.trim()).toBe('');

    events.start();
    fakes.latest.open(upstreamStatus('live'));
    await settle();
    backend.expectOne('/api/market/status').flush(status('open'));
    // The badge's hours (MarketHoursStore): unknown here, so the phase is shown.
    backend.expectOne('/api/market/hours?exchange=NSE').flush(null, { status: 503, statusText: 'Unavailable' });
    await settle();
    fixture.detectChanges();
    const badge = () => fixture.nativeElement.querySelector('[data-testid=market-phase]') as HTMLElement | null;
    expect(badge()?.textContent?.trim()).toBe('NSE Open');
    expect(badge()?.getAttribute('data-phase')).toBe('open');

    fakes.latest.emit('market', status('closed'), 3);
    fixture.detectChanges();
    expect(store.nsePhase()).toBe('closed');
    expect(badge()?.textContent?.trim()).toBe('NSE Closed');
    // A market event re-reads the hours too.
    backend.expectOne('/api/market/hours?exchange=NSE').flush(null, { status: 503, statusText: 'Unavailable' });
    await settle();

    events.stop();
    await settle();
    fixture.detectChanges();
    expect(badge()).toBeNull();
  });

  it('a status read older than a market event does not overwrite it', async () => {
    const store = TestBed.inject(MarketStatusStore);
    events.start();
    fakes.latest.open(upstreamStatus('live'));
    await settle();
    const read = backend.expectOne('/api/market/status');
    fakes.latest.emit('market', status('closed'), 4);
    read.flush(status('open'));
    await settle();
    expect(store.nsePhase()).toBe('closed');
  });
});
