import type { NextFunction, Request, Response } from 'express';
import { GuardErrors } from '../errors/guard-errors';

export const JSON_BODY_LIMIT = '16kb';
/** Deeper than any body this api takes (its DTOs nest 2-3 levels); the scan stops here, so deeper is refused. */
export const MAX_BODY_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** What the scan found: a prototype-pollution key, or nesting deeper than it looks. */
export type BodyProblem = { kind: 'forbidden-key'; key: string } | { kind: 'too-deep' };

/**
 * The first problem anywhere in a parsed JSON value (JSON.parse keeps `__proto__` as an own key). A value
 * nested deeper than MAX_BODY_DEPTH is a problem itself: what the scan cannot see must not reach a handler.
 */
export function findBodyProblem(value: unknown, depth = 0): BodyProblem | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_BODY_DEPTH) return { kind: 'too-deep' };
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbidden-key', key };
    const found = findBodyProblem((value as Record<string, unknown>)[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The first forbidden key anywhere in a parsed JSON value, if any. */
export function findForbiddenKey(value: unknown): string | undefined {
  const problem = findBodyProblem(value);
  return problem?.kind === 'forbidden-key' ? problem.key : undefined;
}

/** Refuses prototype-pollution keys and over-deep bodies before any handler, DTO transform or merge sees them. */
export function rejectForbiddenKeys(req: Request, _res: Response, next: NextFunction): void {
  const problem = findBodyProblem(req.body);
  if (!problem) return next();
  next(problem.kind === 'too-deep' ? GuardErrors.bodyTooDeep(MAX_BODY_DEPTH) : GuardErrors.forbiddenKey(problem.key));
}
