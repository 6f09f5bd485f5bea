import { UpstoxHttpError } from '../envelope';

/**
 * The user's registered static IPs (GET /v2/user/ip, CONTRACT §11) and whether order writes are refused for their
 * origin. Real Upstox compares the request's source address with these; the simulator cannot tell a "static" address
 * from a local one, so refusing is a switch of the control API (POST /__sim/static-ip).
 */
export class StaticIpState {
  primaryIp: string | null = null;
  secondaryIp: string | null = null;
  primaryUpdatedAt: string | null = null;
  secondaryUpdatedAt: string | null = null;
  refuseWrites = false;

  constructor(private readonly now: () => number) {
    this.reset();
  }

  /** The demo user has a registered primary IP (an address of the documentation range, RFC 5737). */
  reset(): void {
    this.primaryIp = DEMO_PRIMARY_IP;
    this.secondaryIp = null;
    this.primaryUpdatedAt = new Date(this.now()).toISOString();
    this.secondaryUpdatedAt = null;
    this.refuseWrites = false;
  }

  set(primaryIp: string | null, secondaryIp: string | null): void {
    const at = new Date(this.now()).toISOString();
    if (primaryIp !== this.primaryIp) this.primaryUpdatedAt = primaryIp ? at : null;
    if (secondaryIp !== this.secondaryIp) this.secondaryUpdatedAt = secondaryIp ? at : null;
    this.primaryIp = primaryIp;
    this.secondaryIp = secondaryIp;
  }

  /** The `data` of GET /v2/user/ip (UserIpResponseData of Upstox's served OpenAPI; family-member lists left out). */
  data(): Record<string, unknown> {
    return {
      primary_ip: this.primaryIp,
      secondary_ip: this.secondaryIp,
      primary_ip_updated_at: this.primaryUpdatedAt,
      secondary_ip_updated_at: this.secondaryUpdatedAt,
    };
  }

  /** Place, modify and cancel are refused with UDAPI1154 while the switch is on. */
  assertWriteAllowed(): void {
    if (!this.refuseWrites) return;
    // UDAPI1154 comes from third-party summaries of Upstox's place-order error table (CONTRACT §3.1, 3P); neither
    // Upstox's exact message nor the HTTP status is published (CONTRACT §13), so both are ours.
    throw UpstoxHttpError.of(403, 'UDAPI1154', 'Order requests are accepted only from your registered static IP; this request came from an unregistered IP.');
  }
}

export const DEMO_PRIMARY_IP = '203.0.113.10';
