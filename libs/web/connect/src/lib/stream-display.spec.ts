import { TestBed } from '@angular/core/testing';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, provideFakeEventSources, upstreamStatus } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { connected, connectionStatus } from '../testing/connection-fixtures';
import { ConnectionStore } from './connection-store';
import { STREAM_PAUSED_LABEL, describeStream } from './stream-display';

describe('describeStream (top bar: live updates)', () => {
  it('Live only when the Upstox stream is live and the event stream is open', () => {
    expect(describeStream(connected({ stream: upstreamStatus('live') }), 'open')).toMatchObject({ state: 'live', label: 'Live', tone: 'ok' });
    for (const events of ['connecting', 'down'] as const) {
      expect(describeStream(connected({ stream: upstreamStatus('live') }), events)).toMatchObject({ state: 'paused', label: STREAM_PAUSED_LABEL });
    }
  });

  it('paused while the api connects or reconnects its stream, with the cause in the tooltip', () => {
    const view = describeStream(connected({ stream: upstreamStatus('reconnecting', 'No message for 30 s') }), 'open');
    expect(view).toMatchObject({ label: 'Live updates paused - reconnecting', tone: 'busy', cause: null });
    expect(view?.hint).toContain('No message for 30 s');
    expect(describeStream(connected({ stream: upstreamStatus('connecting') }), 'open')?.label).toBe(STREAM_PAUSED_LABEL);
  });

  it('down with its cause, and what to do', () => {
    const view = describeStream(connected({ stream: upstreamStatus('down', 'the access token was rejected (401)') }), 'open');
    expect(view).toMatchObject({ state: 'down', label: 'Live updates down', cause: 'the access token was rejected (401)', tone: 'warn' });
    expect(view?.hint).toContain('Disconnect and Connect again');
  });

  it('nothing without a connection or without a stream', () => {
    expect(describeStream(null, 'open')).toBeNull();
    expect(describeStream(connectionStatus({ state: 'expired', stream: upstreamStatus('live') }), 'open')).toBeNull();
    expect(describeStream(connected({ stream: null }), 'open')).toBeNull();
  });
});

describe('ConnectionStore and connection events', () => {
  it('takes the status from a connection event', () => {
    const fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting(), provideFakeEventSources(fakes)] });
    const store = TestBed.inject(ConnectionStore);
    const events = TestBed.inject(DeskEvents);
    events.start();
    fakes.latest.open();
    fakes.latest.emit('connection', connected({ stream: upstreamStatus('reconnecting', 'socket closed') }), 1);
    expect(store.isConnected()).toBe(true);
    expect(store.status()?.stream?.state).toBe('reconnecting');
    fakes.latest.emit('connection', connectionStatus({ state: 'expired', reason: 'The token expired at 03:30 IST.' }), 2);
    expect(store.view().label).toBe('Expired - Reconnect');
    events.stop();
  });
});
