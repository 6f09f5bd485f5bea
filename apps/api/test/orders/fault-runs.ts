import { HttpResponse } from '../support/stack';
import { limitBuy, OrdersStack } from './orders-harness';

/** The ambiguous (and one unambiguous-but-unanswered) broker faults of SECURITY.md, on the v3 place route. */
export const PLACE_ROUTE = 'POST /v3/order/place';
export const FAULTS: { name: string; kind: string; status?: number; recorded: boolean }[] = [
  { name: 'timeout (hang)', kind: 'hang', recorded: false },
  { name: 'reset after accept', kind: 'reset-after', recorded: true },
  { name: '500 after accept', kind: 'status-after', status: 500, recorded: true },
  { name: '503 after accept', kind: 'status-after', status: 503, recorded: true },
  { name: 'reset before accept', kind: 'reset-before', recorded: false },
  { name: '500 before accept', kind: 'status', status: 500, recorded: false },
  { name: '429 on the write', kind: 'status', status: 429, recorded: false },
];

export interface FaultRun {
  fault: string;
  response: number;
  final: string;
  atBroker: number;
  placeCalls: number;
  ok: boolean;
  problem?: string;
}

function intentIdOf(res: HttpResponse): string | undefined {
  return res.body?.intentId ?? res.body?.details?.intentId;
}

/**
 * One submit under one fault: the api must call the broker exactly once, answer 201/202 or a
 * "not placed" error, and end with a journal status that matches the broker's truth.
 */
export async function runFault(s: OrdersStack, fault: (typeof FAULTS)[number], n: number): Promise<FaultRun> {
  const tag = `f${n}`;
  await s.sim.fault(PLACE_ROUTE, fault.kind, { status: fault.status, count: 1 });
  const callsBefore = await s.sim.placeCalls();
  const res = await s.place(limitBuy({ price: 1000 + (n % 50), tag }));
  await s.sim.clearFaults();
  const run: FaultRun = { fault: fault.name, response: res.status, final: '?', atBroker: -1, placeCalls: -1, ok: false };
  const intentId = intentIdOf(res);
  if (!intentId) return { ...run, problem: `no intent id in ${res.status} ${res.text}` };
  const intent = await s.settle(intentId, 30_000);
  const atBroker = (await s.sim.orders()).filter((o) => o.tag === intent.brokerTag);
  run.final = intent.status;
  run.atBroker = atBroker.length;
  run.placeCalls = (await s.sim.placeCalls()) - callsBefore;
  const expected = atBroker.length > 0 ? 'SUBMITTED' : 'NOT_PLACED';
  const problems: string[] = [];
  if (run.placeCalls !== 1) problems.push(`${run.placeCalls} place calls`);
  if (atBroker.length > 1) problems.push(`${atBroker.length} orders at the broker`);
  if (intent.status !== expected) problems.push(`journal ${intent.status}, broker has ${atBroker.length}`);
  if (fault.recorded !== atBroker.length > 0) problems.push(`simulator recorded=${atBroker.length > 0}`);
  if (expected === 'SUBMITTED' && intent.orderIds.join() !== atBroker.map((o) => o.order_id).sort().join()) {
    problems.push(`order ids ${intent.orderIds.join()} vs ${atBroker.map((o) => o.order_id).join()}`);
  }
  if (![201, 202, 502, 504].includes(res.status)) problems.push(`HTTP ${res.status}`);
  return { ...run, ok: problems.length === 0, problem: problems.join('; ') || undefined };
}

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
