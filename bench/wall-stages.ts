import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ORDER_PATH_CHANNEL, ORDER_PATH_MARKS, OrderPathMark } from '../libs/api/orders/src/lib/placement/order-path-marks';
import { summarize, Summary } from './load/stats';

/**
 * Wall-clock stages of the desk's order writes, from Node's own HTTP diagnostics channels and the write path's
 * marks (ORDER_PATH_CHANNEL, published only while someone subscribes): request received -> handler entered ->
 * body checked -> gates passed -> intent journaled -> broker request written (Node publishes a client request's
 * start when its last byte went to the socket) -> broker answer read -> outcome journaled -> answer sent (a modify
 * or cancel passes fewer: WRITE_POINTS). The
 * benchmark sends one write at a time, so the desk request in flight owns the marks and the one outbound call
 * made meanwhile. Not seen here: the socket work before Node emits the request and after the answer is written;
 * that is the client's total minus `total` below.
 */
export interface WallStages {
  /** Every picked request, with or without a broker call: request in -> response finished. */
  total: Summary;
  /** Consecutive points of requests that passed every one of the write's points (those with a broker call). */
  steps: { from: WallPoint; to: WallPoint; took: Summary }[];
  /** Other outbound calls made while a desk request was open (path -> count), e.g. a last-price look-up. */
  otherCalls: Record<string, number>;
  /** Broker calls of the picked requests sent on a socket of their own (not a kept-alive one): a TCP connect first. */
  newConnections: number;
}

/** The points of a place, in order; `sent` and `answered` are the broker call's. */
export const WALL_POINTS = ['received', 'handler', 'validated', 'gated', 'journaled', 'sent', 'answered', 'recorded', 'finished'] as const;
export type WallPoint = (typeof WALL_POINTS)[number];

/** The points each write passes: only a place journals; a cancel passes no gate (its `validated` is the order's status check). */
export const WRITE_POINTS = {
  place: WALL_POINTS,
  modify: ['received', 'handler', 'validated', 'gated', 'sent', 'answered', 'finished'],
  cancel: ['received', 'handler', 'validated', 'sent', 'answered', 'finished'],
} as const satisfies Record<string, readonly WallPoint[]>;
export type OrderWrite = keyof typeof WRITE_POINTS;

interface Open {
  res: ServerResponse;
  received: number;
  sent?: number;
  answered?: number;
  marks: Partial<Record<OrderPathMark, number>>;
}
type Row = Open & { finished: number };

const SERVER_START = 'http.server.request.start';
const SERVER_FINISH = 'http.server.response.finish';
const CLIENT_START = 'http.client.request.start';
const CLIENT_FINISH = 'http.client.response.finish';

/** Starts recording the desk requests `isDeskRequest` picks; `stop()` returns their stages between `points`. */
export function recordWallStages(
  isDeskRequest: (method: string, url: string) => boolean,
  isBrokerCall: (path: string) => boolean,
  points: readonly WallPoint[] = WALL_POINTS,
): { stop: () => WallStages } {
  let open: Open | null = null;
  const rows: Row[] = [];
  const otherCalls = new Map<string, number>();
  let newConnections = 0;
  const onServerStart = (m: unknown) => {
    const { request, response } = m as { request: IncomingMessage; response: ServerResponse };
    if (isDeskRequest(request.method ?? '', request.url ?? '')) open = { res: response, received: performance.now(), marks: {} };
  };
  const onClientStart = (m: unknown) => {
    const { request } = m as { request: ClientRequest };
    if (!open) return;
    if (isBrokerCall(request.path)) {
      if (open.sent === undefined) {
        open.sent = performance.now();
        if (!request.reusedSocket) newConnections++;
      }
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
  const onMark = (m: unknown) => {
    const mark = m as OrderPathMark;
    if (open && ORDER_PATH_MARKS.includes(mark) && open.marks[mark] === undefined) open.marks[mark] = performance.now();
  };
  const channels: [string, (m: unknown) => void][] = [
    [ORDER_PATH_CHANNEL, onMark],
    [SERVER_START, onServerStart],
    [CLIENT_START, onClientStart],
    [CLIENT_FINISH, onClientFinish],
    [SERVER_FINISH, onServerFinish],
  ];
  for (const [name, fn] of channels) subscribe(name, fn);
  return {
    stop: () => {
      for (const [name, fn] of channels) unsubscribe(name, fn);
      return {
        total: summarize(rows.map((r) => r.finished - r.received)),
        steps: stepsOf(rows, points),
        otherCalls: Object.fromEntries(otherCalls),
        newConnections,
      };
    },
  };
}

function pointsOf(r: Row): Partial<Record<WallPoint, number>> {
  return { ...r.marks, received: r.received, sent: r.sent, answered: r.answered, finished: r.finished };
}

/** The time between consecutive points, over the requests that passed them all. */
function stepsOf(rows: Row[], points: readonly WallPoint[]): WallStages['steps'] {
  const complete = rows.map(pointsOf).filter((p): p is Record<WallPoint, number> => points.every((point) => p[point] !== undefined));
  if (complete.length === 0) return [];
  return points.slice(1).map((to, i) => {
    const from = points[i];
    return { from, to, took: summarize(complete.map((p) => p[to] - p[from])) };
  });
}
