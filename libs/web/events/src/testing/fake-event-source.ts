import { Provider } from '@angular/core';
import { AccountStreamStatus, ConnectionStatus, DeskEventPayloads, DeskEventType } from '@desk/contracts';
import { EVENT_SOURCE_CLOSED, EVENT_SOURCE_FACTORY, EVENT_SOURCE_OPEN, EventSourceLike } from '../lib/event-source';

/** A stand-in for the browser's EventSource (jsdom has none). Test code only. */
export class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = EVENT_SOURCE_CLOSED;
  }

  get closed(): boolean {
    return this.readyState === EVENT_SOURCE_CLOSED;
  }

  /**
   * The stream opens. With `stream` (null too), it then sends what the api sends first on every stream: the
   * connection as it is now (connected, with that Upstox stream state).
   */
  open(stream?: AccountStreamStatus | null): void {
    this.readyState = EVENT_SOURCE_OPEN;
    this.onopen?.(new Event('open'));
    if (stream !== undefined) this.emit('connection', connectedStatus(stream), 0);
  }

  emit<K extends DeskEventType>(type: K, data: DeskEventPayloads[K], id: number): void {
    this.emitRaw(type, JSON.stringify(data), String(id));
  }

  emitRaw(type: string, data: string, lastEventId = ''): void {
    const event = new MessageEvent<string>(type, { data, lastEventId });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** The connection broke; `giveUp` = the browser will not retry (HTTP error, wrong content type). */
  fail(giveUp = false): void {
    this.readyState = giveUp ? EVENT_SOURCE_CLOSED : 0;
    this.onerror?.(new Event('error'));
  }
}

/** Every stream the code under test opened, newest last. */
export class FakeEventSources {
  readonly created: FakeEventSource[] = [];

  readonly factory = (url: string): FakeEventSource => {
    const source = new FakeEventSource(url);
    this.created.push(source);
    return source;
  };

  get latest(): FakeEventSource {
    const source = this.created[this.created.length - 1];
    if (!source) throw new Error('no EventSource was opened');
    return source;
  }

  /** The streams not closed by the code under test. */
  get openCount(): number {
    return this.created.filter((s) => !s.closed).length;
  }
}

export function provideFakeEventSources(fakes: FakeEventSources): Provider {
  return { provide: EVENT_SOURCE_FACTORY, useValue: fakes.factory };
}

/** A connected simulator account whose Upstox stream is in the given state. */
export function connectedStatus(stream: AccountStreamStatus | null): ConnectionStatus {
  return {
    state: 'connected', environment: 'simulator', simulated: true, userId: 'DEMO01', userName: 'Demo Trader',
    expiresAt: '2026-11-29T22:00:00.000Z', redirectUri: 'http://localhost:5000/callback', reason: null, stream,
  };
}

export function upstreamStatus(state: AccountStreamStatus['state'], cause: string | null = null): AccountStreamStatus {
  return { state, since: '2026-11-28T10:00:00+05:30', cause };
}

/** Starts the stream, opens it and reports the api's Upstox stream live: updates are pushed from here on. */
export function goLive(events: { start(): void; reportUpstream(stream: AccountStreamStatus | null): void }, fakes: FakeEventSources): FakeEventSource {
  events.start();
  const source = fakes.latest;
  source.open(upstreamStatus('live'));
  events.reportUpstream(upstreamStatus('live'));
  return source;
}
