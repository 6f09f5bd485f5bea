import { UpstoxHttpError } from '../envelope';

/** Segments of Upstox's kill switch (DOCS update-kill-switch; BSE_MF appears only in the served OpenAPI's enum). */
export const KILL_SWITCH_SEGMENTS = ['NSE_EQ', 'BSE_EQ', 'NSE_FO', 'BSE_FO', 'NCD_FO', 'BCD_FO', 'MCX_FO', 'NSE_COM'] as const;

/** DOCS update-kill-switch: "After disabling a segment, a 12-hour cooling period applies before it can be re-enabled." */
export const KILL_SWITCH_COOLING_MS = 12 * 3600_000;

export interface KillSwitchChange {
  segment: string;
  action: 'ENABLE' | 'DISABLE';
}

interface SegmentState {
  /** `segment_status`: the account-level activation, independent of the kill switch (DOCS get-kill-switch). */
  active: boolean;
  /** `kill_switch_enabled`: true while the kill switch halts trading in the segment. */
  engaged: boolean;
  disabledAt: number | null;
}

/**
 * Upstox's per-segment kill switch (GET/POST /v2/user/kill-switch, DOCS get-kill-switch / update-kill-switch):
 * DISABLE engages it (the caller cancels the segment's pending orders), ENABLE is refused for 12 hours after a
 * DISABLE (UDAPI1185), a request is all-or-nothing, and new orders in an engaged segment are refused.
 */
export class KillSwitchState {
  private readonly segments = new Map<string, SegmentState>();

  constructor(private readonly now: () => number) {
    this.reset();
  }

  /** The demo user's profile has NSE, NFO, BSE, CDS, BFO, BCD: MCX and NSE commodities are inactive there. */
  reset(): void {
    this.segments.clear();
    for (const s of KILL_SWITCH_SEGMENTS) this.segments.set(s, { active: s !== 'MCX_FO' && s !== 'NSE_COM', engaged: false, disabledAt: null });
  }

  data(): Record<string, unknown>[] {
    return [...this.segments].map(([segment, s]) => ({ segment, segment_status: s.active ? 'ACTIVE' : 'INACTIVE', kill_switch_enabled: s.engaged }));
  }

  /** Validates every change first (atomic, as documented), then applies them. Returns the segments newly disabled. */
  apply(changes: unknown): string[] {
    if (!Array.isArray(changes) || changes.length === 0) {
      throw UpstoxHttpError.of(400, 'UDAPI100038', 'Invalid input passed to the API', 'body', null);
    }
    const checked = changes.map((c) => this.check(c));
    const disabled: string[] = [];
    for (const { segment, action } of checked) {
      const s = this.segments.get(segment) as SegmentState;
      if (action === 'DISABLE' && !s.engaged) {
        s.engaged = true;
        s.disabledAt = this.now();
        disabled.push(segment);
      } else if (action === 'ENABLE') {
        s.engaged = false;
      }
    }
    return disabled;
  }

  isEngaged(segment: string): boolean {
    return this.segments.get(segment)?.engaged ?? false;
  }

  /**
   * New orders in an engaged segment are blocked (DOCS). How Upstox answers such an order is not published: the
   * simulator refuses the call with this message and a code of its own choosing (UDAPI1184's neighbour range is
   * the kill switch's; 'UDAPI1189' is NOT an Upstox code). Anything reading it must go by the message.
   */
  assertOrderAllowed(segment: string): void {
    if (!this.isEngaged(segment)) return;
    throw UpstoxHttpError.of(
      400, 'UDAPI1189',
      `Trading in ${segment} is disabled by your kill switch. Enable the segment again (possible 12 hours after disabling it) to place orders.`,
      'instrument_token', segment,
    );
  }

  private check(raw: unknown): KillSwitchChange {
    const c = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const segment = String(c['segment'] ?? '');
    const action = c['action'];
    const s = this.segments.get(segment);
    // UDAPI1186 / UDAPI1188 / UDAPI1185: the served OpenAPI's texts for update-kill-switch.
    if (!s) throw UpstoxHttpError.of(400, 'UDAPI1186', 'The specified segment does not exist.', 'segment', segment);
    if (action !== 'ENABLE' && action !== 'DISABLE') {
      throw UpstoxHttpError.of(400, 'UDAPI1188', 'Invalid action. Allowed values are ENABLE and DISABLE.', 'action', action ?? null);
    }
    if (action === 'ENABLE' && s.engaged && s.disabledAt !== null && this.now() - s.disabledAt < KILL_SWITCH_COOLING_MS) {
      throw UpstoxHttpError.of(400, 'UDAPI1185', 'Cannot enable segment - cooling period is still in effect.', 'segment', segment);
    }
    return { segment, action };
  }
}
