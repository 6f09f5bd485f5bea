import { InjectionToken } from '@angular/core';

/** The part of the browser's EventSource the dashboard uses; tests provide a fake (jsdom has none). */
export interface EventSourceLike {
  /** 0 = connecting (also while the browser retries by itself), 1 = open, 2 = closed for good. */
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export const EVENT_SOURCE_OPEN = 1;
export const EVENT_SOURCE_CLOSED = 2;

/** Opens a stream, or returns null where the browser has no EventSource (then the dashboard polls). */
export type EventSourceFactory = (url: string) => EventSourceLike | null;

export const EVENT_SOURCE_FACTORY = new InjectionToken<EventSourceFactory>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url: string) =>
    typeof EventSource === 'function' ? (new EventSource(url) as unknown as EventSourceLike) : null,
});
