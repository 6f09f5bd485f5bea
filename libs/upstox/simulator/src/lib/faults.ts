/** Per-route fault injection for the control API (PLAN.md §1). */
export const FAULT_KINDS = ['latency', 'hang', 'status', 'reset-before', 'reset-after', 'status-after', 'hang-after'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  route: string;
  kind: FaultKind;
  status: number;
  latencyMs: number;
  remaining: number;
}

export class FaultBook {
  private faults: Fault[] = [];

  add(input: { route?: unknown; kind?: unknown; status?: unknown; latency_ms?: unknown; count?: unknown }): Fault {
    const route = typeof input.route === 'string' ? input.route.trim().replace(/\s+/g, ' ') : '';
    if (!/^[A-Z]+ \/\S*$/.test(route)) throw new Error('route must look like "POST /v3/order/place"');
    if (!FAULT_KINDS.includes(input.kind as FaultKind)) throw new Error(`kind must be one of ${FAULT_KINDS.join(', ')}`);
    const status = input.status === undefined ? 500 : Number(input.status);
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new Error('status must be an HTTP error status');
    const latencyMs = input.latency_ms === undefined ? 1000 : Number(input.latency_ms);
    if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error('latency_ms must be >= 0');
    const count = input.count === undefined ? 1 : Number(input.count);
    if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
    const fault: Fault = { route, kind: input.kind as FaultKind, status, latencyMs, remaining: count };
    this.faults.push(fault);
    return fault;
  }

  /** Takes the first armed fault for `route` (e.g. "POST /v3/order/place"), if any. */
  take(route: string): Fault | null {
    const fault = this.faults.find((f) => f.route === route && f.remaining > 0);
    if (!fault) return null;
    fault.remaining--;
    if (fault.remaining === 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
