import { TestBed } from '@angular/core/testing';
import { ConnectionStatus, Order } from '@desk/contracts';
import { connectedStatus, FakeEventSources, provideFakeEventSources, upstreamStatus } from '../testing/fake-event-source';
import { DESK_EVENTS_URL, DeskEventOf, DeskEvents, DeskSyncReason, EVENTS_OPENING_WAIT_MS, EVENTS_RETRY_MAX_MS } from './desk-events';
import { EVENT_SOURCE_FACTORY } from './event-source';

const CONNECTED: ConnectionStatus = {
  state: 'connected',
  environment: 'simulator',
  simulated: true,
  userId: 'SIM1',
  userName: 'Demo Trader',
  expiresAt: null,
  redirectUri: 'http://localhost:5000/callback',
  reason: null,
  stream: upstreamStatus('live'),
};

describe('DeskEvents', () => {
  let fakes: FakeEventSources;
  let events: DeskEvents;
  let syncs: DeskSyncReason[];
  let liveChanges: boolean[];

  beforeEach(() => {
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideFakeEventSources(fakes)] });
    events = TestBed.inject(DeskEvents);
    syncs = [];
    liveChanges = [];
    events.sync$.subscribe((reason) => syncs.push(reason));
    events.liveChanges$.subscribe((live) => liveChanges.push(live));
  });

  afterEach(() => events.stop());

  it('opens /api/events once, and is live only while open and the Upstox stream is live', () => {
    events.start();
    events.start();
    expect(fakes.created.map((s) => s.url)).toEqual([DESK_EVENTS_URL]);
    expect(events.state()).toBe('connecting');
    fakes.latest.open();
    expect(events.state()).toBe('open');
    expect(events.live()).toBe(false);
    // Until the stream's own opening connection event, what the page heard before may be stale.
    events.reportUpstream(upstreamStatus('live'));
    expect(events.live()).toBe(false);
    fakes.latest.emit('connection', connectedStatus(upstreamStatus('live')), 1);
    expect(events.live()).toBe(true);
    events.reportUpstream(upstreamStatus('reconnecting', 'Upstox closed the socket'));
    expect(events.live()).toBe(false);
    expect(liveChanges).toEqual([true, false]);
  });

  describe('whenOpened (a store\'s first read)', () => {
    let reads: string[];
    const firstRead = (name: string) => events.whenOpened(() => reads.push(`${name} after ${syncs.join(',') || 'no sync'}`));

    beforeEach(() => {
      reads = [];
      jest.useFakeTimers();
    });
    afterEach(() => jest.useRealTimers());

    it('runs at once when no stream is opening', () => {
      firstRead('closed');
      expect(reads).toEqual(['closed after no sync']);
    });

    it('waits for the opening connection event, after the sync that going live sends', () => {
      events.start();
      firstRead('orders');
      fakes.latest.open();
      expect(reads).toEqual([]);
      fakes.latest.emit('connection', connectedStatus(upstreamStatus('live')), 7);
      expect(reads).toEqual(['orders after live']);
      // Opened: later first reads (another store) run at once.
      firstRead('funds');
      expect(reads).toEqual(['orders after live', 'funds after live']);
    });

    it('runs once the stream opened without live updates (polling), failed for good, or was stopped', () => {
      events.start();
      firstRead('no Upstox stream');
      fakes.latest.open(null);
      expect(reads).toEqual(['no Upstox stream after no sync']);

      events.stop();
      events.start();
      firstRead('failed');
      fakes.latest.fail(); // the browser retries by itself: still opening
      expect(reads).toEqual(['no Upstox stream after no sync']);
      fakes.latest.fail(true);
      expect(reads).toEqual(['no Upstox stream after no sync', 'failed after no sync']);

      events.stop();
      events.start();
      firstRead('stopped');
      events.stop();
      expect(reads.at(-1)).toBe('stopped after no sync');
    });

    it('does not wait longer than EVENTS_OPENING_WAIT_MS for a stream that says nothing', () => {
      events.start();
      firstRead('slow');
      jest.advanceTimersByTime(EVENTS_OPENING_WAIT_MS - 1);
      expect(reads).toEqual([]);
      jest.advanceTimersByTime(1);
      expect(reads).toEqual(['slow after no sync']);
      // The opening event later does not run it again.
      fakes.latest.open(upstreamStatus('live'));
      expect(reads).toEqual(['slow after no sync']);
    });
  });

  it('delivers each event type with its id and parsed data', () => {
    const orders: DeskEventOf<'order'>[] = [];
    events.on('order').subscribe((e) => orders.push(e));
    const trades: unknown[] = [];
    events.on('trade').subscribe((e) => trades.push(e));
    events.start();
    fakes.latest.open();
    fakes.latest.emit('order', { orderId: '1', status: 'complete' } as Order, 41);
    expect(orders).toEqual([{ id: 41, data: { orderId: '1', status: 'complete' } }]);
    expect(trades).toEqual([]);
    expect(events.lastEventId()).toBe(41);
  });

  it('asks every store to re-read when updates become live, again after a drop, and on resync', () => {
    events.start();
    const source = fakes.latest;
    source.open(upstreamStatus('live'));
    expect(syncs).toEqual(['live']);

    source.fail(); // the browser retries by itself, resending Last-Event-ID
    expect(events.state()).toBe('connecting');
    expect(events.live()).toBe(false);
    source.open();
    expect(syncs).toEqual(['live']);
    source.emit('connection', connectedStatus(upstreamStatus('live')), 2);
    expect(syncs).toEqual(['live', 'live']);

    source.emit('resync', { reason: 'older than the last 1000 events' }, 99);
    expect(syncs).toEqual(['live', 'live', 'resync']);
    expect(fakes.created).toHaveLength(1);
  });

  it('a connection event carries the Upstox stream state', () => {
    const seen: ConnectionStatus[] = [];
    events.on('connection').subscribe((e) => seen.push(e.data));
    events.start();
    fakes.latest.open();
    fakes.latest.emit('connection', CONNECTED, 3);
    expect(events.live()).toBe(true);
    fakes.latest.emit('connection', { ...CONNECTED, stream: upstreamStatus('down', 'authorize refused') }, 4);
    expect(events.upstream()).toEqual(upstreamStatus('down', 'authorize refused'));
    expect(events.live()).toBe(false);
    expect(seen).toHaveLength(2);
  });

  it('treats an event it cannot read as a missed change: resync', () => {
    const orders: unknown[] = [];
    events.on('order').subscribe((e) => orders.push(e));
    events.start();
    fakes.latest.open();
    fakes.latest.emitRaw('order', '{not json', '7');
    expect(orders).toEqual([]);
    expect(syncs).toEqual(['resync']);
  });

  it('when the browser gives up, reopens with capped backoff; stop() ends it', () => {
    jest.useFakeTimers();
    try {
      events.start();
      for (let attempt = 1; attempt <= 8; attempt++) {
        fakes.latest.fail(true);
        expect(events.state()).toBe('down');
        expect(fakes.created).toHaveLength(attempt);
        jest.advanceTimersByTime(EVENTS_RETRY_MAX_MS);
        expect(fakes.created).toHaveLength(attempt + 1);
      }
      fakes.latest.open();
      expect(events.state()).toBe('open');
      fakes.latest.fail(true);
      jest.advanceTimersByTime(1_000); // after an open the backoff starts again from at most a second
      expect(fakes.created).toHaveLength(10);
      events.stop();
      jest.advanceTimersByTime(EVENTS_RETRY_MAX_MS * 2);
      expect(fakes.created).toHaveLength(10);
      expect(fakes.openCount).toBe(0);
      expect(events.state()).toBe('closed');
    } finally {
      jest.useRealTimers();
    }
  });

  it('a stream it reopens itself resumes from the last event id; a new start begins afresh', () => {
    jest.useFakeTimers();
    try {
      events.start();
      fakes.latest.open();
      fakes.latest.emit('trade', { tradeId: 't1' } as never, 41);
      fakes.latest.fail(true);
      jest.advanceTimersByTime(1_000);
      expect(fakes.latest.url).toBe(`${DESK_EVENTS_URL}?lastEventId=41`);
      events.stop();
      events.start();
      expect(fakes.latest.url).toBe(DESK_EVENTS_URL);
    } finally {
      jest.useRealTimers();
    }
  });

  it('ignores a stream it already closed', () => {
    const orders: unknown[] = [];
    events.on('order').subscribe((e) => orders.push(e));
    events.start();
    const old = fakes.latest;
    events.stop();
    expect(old.closed).toBe(true);
    events.start();
    old.emit('order', { orderId: 'x' } as Order, 1);
    old.open();
    expect(orders).toEqual([]);
    expect(events.state()).toBe('connecting');
  });
});

describe('DeskEvents without EventSource', () => {
  it('stays down (the stores keep polling) and opens nothing', () => {
    TestBed.configureTestingModule({ providers: [{ provide: EVENT_SOURCE_FACTORY, useValue: () => null }] });
    const events = TestBed.inject(DeskEvents);
    events.start();
    expect(events.state()).toBe('down');
    expect(events.live()).toBe(false);
  });

  it('the default factory returns null where the browser has no EventSource (jsdom)', () => {
    expect(TestBed.inject(EVENT_SOURCE_FACTORY)('/api/events')).toBeNull();
  });
});
