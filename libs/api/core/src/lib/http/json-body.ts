import type { NextFunction, Request, Response } from 'express';
import { GuardErrors } from '../errors/guard-errors';

export const JSON_BODY_LIMIT = '16kb';
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first forbidden key anywhere in a parsed JSON value (JSON.parse keeps `__proto__` as an own key). */
export function findForbiddenKey(value: unknown, depth = 0): string | undefined {
  if (depth > 64 || typeof value !== 'object' || value === null) return undefined;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return key;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Refuses prototype-pollution keys before any handler, DTO transform or merge sees the body. */
export function rejectForbiddenKeys(req: Request, _res: Response, next: NextFunction): void {
  const key = findForbiddenKey(req.body);
  next(key ? GuardErrors.forbiddenKey(key) : undefined);
}
