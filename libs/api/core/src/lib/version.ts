/** Reported by GET /api/health and the OpenAPI document; keep in step with package.json. */
export const DESK_VERSION = '0.1.0';
