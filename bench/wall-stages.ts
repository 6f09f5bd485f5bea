import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { summarize, Summary } from './load/stats';

/**
 * Wall-clock stages of the desk's order writes, from Node's own HTTP diagnostics channels (no code of ours is
 * touched): request received -> broker request written (Node publishes a client request's start when its last byte
 * went to the socket) -> broker answer read -> answer sent. The benchmark sends one
 * write at a time, so the desk request in flight owns the one outbound call made meanwhile.
 * Not seen here: the socket work before Node emits the request and after the answer is written; that is the
 * client's total minus `total` below.
 */
export interface WallStages {
  /** Requests that made the broker call: guards, validation, gates, the journal claim: request in -> call out. */
  before: Summary;
  /** The broker call as the desk's client sees it: request out -> answer read. */
  broker: Summary;
  /** Recording the outcome and writing the answer: answer read -> response finished. */
  after: Summary;
  /** Every picked request, with or without a broker call: request in -> response finished. */
  total: Summary;
  /** Other outbound calls made while a desk request was open (path -> count), e.g. a last-price look-up. */
  otherCalls: Record<string, number>;
}

interface Open {
  res: ServerResponse;
  received: number;
  sent?: number;
  answered?: number;
}
type Row = Open & { finished: number };
type BrokerRow = Required<Open> & { finished: number };

const SERVER_START = 'http.server.request.start';
const SERVER_FINISH = 'http.server.response.finish';
const CLIENT_START = 'http.client.request.start';
const CLIENT_FINISH = 'http.client.response.finish';

/** Starts recording the desk requests `isDeskRequest` picks; `stop()` returns their stages. */
export function recordWallStages(
  isDeskRequest: (method: string, url: string) => boolean,
  isBrokerCall: (path: string) => boolean,
): { stop: () => WallStages } {
  let open: Open | null = null;
  const rows: Row[] = [];
  const otherCalls = new Map<string, number>();
  const onServerStart = (m: unknown) => {
    const { request, response } = m as { request: IncomingMessage; response: ServerResponse };
    if (isDeskRequest(request.method ?? '', request.url ?? '')) open = { res: response, received: performance.now() };
  };
  const onClientStart = (m: unknown) => {
    const { request } = m as { request: ClientRequest };
    if (!open) return;
    if (isBrokerCall(request.path)) {
      if (open.sent === undefined) open.sent = performance.now();
    } else {
      otherCalls.set(request.path.split('?')[0], (otherCalls.get(request.path.split('?')[0]) ?? 0) + 1);
    }
  };
  const onClientFinish = (m: unknown) => {
    const { request } = m as { request: ClientRequest };
    if (open && open.sent !== undefined && open.answered === undefined && isBrokerCall(request.path)) open.answered = performance.now();
  };
  const onServerFinish = (m: unknown) => {
    const { response } = m as { response: ServerResponse };
    if (!open || open.res !== response) return;
    rows.push({ ...open, finished: performance.now() });
    open = null;
  };
  const channels: [string, (m: unknown) => void][] = [
    [SERVER_START, onServerStart],
    [CLIENT_START, onClientStart],
    [CLIENT_FINISH, onClientFinish],
    [SERVER_FINISH, onServerFinish],
  ];
  for (const [name, fn] of channels) subscribe(name, fn);
  return {
    stop: () => {
      for (const [name, fn] of channels) unsubscribe(name, fn);
      const withCall = rows.filter((r): r is BrokerRow => r.sent !== undefined && r.answered !== undefined);
      return {
        before: summarize(withCall.map((r) => r.sent - r.received)),
        broker: summarize(withCall.map((r) => r.answered - r.sent)),
        after: summarize(withCall.map((r) => r.finished - r.answered)),
        total: summarize(rows.map((r) => r.finished - r.received)),
        otherCalls: Object.fromEntries(otherCalls),
      };
    },
  };
}
