import { parseJsonBody, Reply, RequestContext } from './http/request-context';
import type { SimulatorCore } from './simulator-core';

export type ControlHandler = (core: SimulatorCore, ctx: RequestContext) => Reply;

/** A control-API refusal: plain JSON `{error}` with this status. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const ok = (body: unknown): Reply => ({ status: 200, body });

/** The control request's JSON object body (`{}` when empty). */
export function body(ctx: RequestContext): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseJsonBody(ctx) ?? {};
  } catch {
    throw new ControlError(400, 'body must be JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ControlError(400, 'body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** An optional integer field within [min, max]; `fallback` when absent. */
export function intField(b: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  if (b[name] === undefined) return fallback;
  const value = Number(b[name]);
  if (typeof b[name] !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ControlError(400, `${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}
