/** Why the desk streams an instrument, most important first: what the limit cuts last. */
export const NEED_ORDER = ['position', 'working order', 'holding', 'interest'] as const;
export type Need = (typeof NEED_ORDER)[number];

export type Needs = Record<Need, readonly string[]>;

export interface SubscriptionPlan {
  /** The keys to stream, most important first, at most `capacity`. */
  wanted: string[];
  /** What the limit left out, with the (most important) reason each was needed. */
  leftOut: { instrumentKey: string; need: Need }[];
}

/**
 * Which instruments to stream: open positions (their P&L moves with every tick), then working orders (how near the
 * market is), then holdings, then what clients leased (an open order dialog or chart). Past `capacity` (Upstox's
 * per-connection limit) the least important are left out, so a limit never drops a position for a chart.
 */
export function planSubscriptions(needs: Needs, capacity: number): SubscriptionPlan {
  const seen = new Map<string, Need>();
  for (const need of NEED_ORDER) for (const key of needs[need]) if (!seen.has(key)) seen.set(key, need);
  const all = [...seen.entries()];
  return {
    wanted: all.slice(0, Math.max(0, capacity)).map(([key]) => key),
    leftOut: all.slice(Math.max(0, capacity)).map(([instrumentKey, need]) => ({ instrumentKey, need })),
  };
}
