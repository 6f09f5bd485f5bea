import { UpstoxKillSwitchChange, UpstoxKillSwitchSegmentState } from '@desk/contracts';

/** GET /v2/user/ip `data` (Upstox's served OpenAPI `UserIpResponseData`; CONTRACT §11). */
export interface UpstoxUserIpData {
  primary_ip?: string | null;
  secondary_ip?: string | null;
  primary_ip_updated_at?: string | null;
  secondary_ip_updated_at?: string | null;
}

/** The registered static IPs as the client gives them ("" and absent read as null). */
export interface UserStaticIps {
  primaryIp: string | null;
  secondaryIp: string | null;
  primaryIpUpdatedAt: string | null;
  secondaryIpUpdatedAt: string | null;
}

/** One row of GET/POST /v2/user/kill-switch `data` (DOCS get-kill-switch: segment, segment_status, kill_switch_enabled). */
export interface UpstoxKillSwitchRow {
  segment?: unknown;
  segment_status?: unknown;
  kill_switch_enabled?: unknown;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export function mapUserIps(d: UpstoxUserIpData): UserStaticIps {
  return {
    primaryIp: text(d.primary_ip),
    secondaryIp: text(d.secondary_ip),
    primaryIpUpdatedAt: text(d.primary_ip_updated_at),
    secondaryIpUpdatedAt: text(d.secondary_ip_updated_at),
  };
}

/**
 * Rows without a segment name are dropped. `segment_status` is documented as ACTIVE | INACTIVE; anything else is
 * read as inactive. `kill_switch_enabled` true = trading halted in the segment (DOCS get-kill-switch).
 */
export function mapKillSwitch(rows: UpstoxKillSwitchRow[]): UpstoxKillSwitchSegmentState[] {
  return rows
    .filter((r) => typeof r?.segment === 'string' && r.segment !== '')
    .map((r) => ({ segment: r.segment as string, segmentActive: r.segment_status === 'ACTIVE', killSwitchEngaged: r.kill_switch_enabled === true }));
}

export function toKillSwitchBody(changes: UpstoxKillSwitchChange[]): { segment: string; action: string }[] {
  return changes.map((c) => ({ segment: c.segment, action: c.action }));
}
