import { UpstoxEnvironment } from './connection';

/**
 * GET /api/profile/static-ip: the static IPs registered at Upstox for the connected user (GET /v2/user/ip). Since
 * 1 April 2026 Upstox accepts order writes (place, modify, cancel) only from these addresses (CONTRACT §11).
 */
export interface StaticIpView {
  environment: UpstoxEnvironment;
  /** False in the Upstox sandbox (it serves orders only; nothing to read): the IPs are then null. */
  available: boolean;
  primaryIp: string | null;
  secondaryIp: string | null;
  /** ISO-8601 as Upstox gives it; null when never set. */
  primaryIpUpdatedAt: string | null;
  secondaryIpUpdatedAt: string | null;
  /** True when neither IP is registered: Upstox will refuse every order until one is. */
  missing: boolean;
  /** When the desk read it from Upstox (ISO-8601). */
  readAt: string;
}

/** Where a trader registers a static IP (Upstox "Configure Static IPs and Algo Trading App", DOCS appendix). */
export const STATIC_IP_REGISTRATION_STEPS: readonly string[] = [
  'Open the Upstox developer console (My Apps, at account.upstox.com/developer/apps) and sign in.',
  'Click Static IPs in the app listing.',
  "Enter this machine's public IP as the Primary IP (optionally a Secondary IP) and save.",
  'Reconnect the desk: Upstox invalidates existing access tokens when the IPs change (allowed once a week).',
];

/** Upstox's kill switch segments (DOCS update-kill-switch). */
export type UpstoxKillSwitchSegment = 'NSE_EQ' | 'BSE_EQ' | 'NSE_FO' | 'BSE_FO' | 'NCD_FO' | 'BCD_FO' | 'MCX_FO' | 'NSE_COM';

/** One row of GET /api/profile/kill-switch (Upstox's GET /v2/user/kill-switch). */
export interface UpstoxKillSwitchSegmentState {
  segment: string;
  /** Upstox's `segment_status`: whether the segment is activated on the account (independent of the kill switch). */
  segmentActive: boolean;
  /** Upstox's `kill_switch_enabled`: true while the kill switch halts trading in the segment. */
  killSwitchEngaged: boolean;
}

/** POST /api/profile/kill-switch body (one change per segment; Upstox applies all or none). */
export interface UpstoxKillSwitchChange {
  segment: UpstoxKillSwitchSegment;
  action: 'ENABLE' | 'DISABLE';
}

/** DOCS update-kill-switch: a disabled segment can be enabled again only after 12 hours. */
export const UPSTOX_KILL_SWITCH_COOLING_HOURS = 12;
