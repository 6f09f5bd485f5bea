import { body, ControlError, ControlHandler, ok } from '../control-body';

function ipField(b: Record<string, unknown>, name: string, current: string | null): string | null {
  const value = b[name];
  if (value === undefined) return current;
  if (value === null || value === '') return null;
  if (typeof value !== 'string') throw new ControlError(400, `${name} must be a string or null`);
  return value;
}

/** Control routes for the user's static IPs and Upstox's kill switch. */
export const userControlHandlers: Record<string, ControlHandler> = {
  /**
   * `{primary_ip?, secondary_ip?, refuse_writes?}`: null or "" clears an IP (the demo user starts with a primary);
   * refuse_writes: true makes place/modify/cancel answer UDAPI1154 as from an unregistered address.
   */
  'POST static-ip': (core, ctx) => {
    const b = body(ctx);
    if (b['refuse_writes'] !== undefined && typeof b['refuse_writes'] !== 'boolean') throw new ControlError(400, 'refuse_writes must be a boolean');
    core.staticIp.set(ipField(b, 'primary_ip', core.staticIp.primaryIp), ipField(b, 'secondary_ip', core.staticIp.secondaryIp));
    if (typeof b['refuse_writes'] === 'boolean') core.staticIp.refuseWrites = b['refuse_writes'];
    return ok({ ...core.staticIp.data(), refuse_writes: core.staticIp.refuseWrites });
  },
};
