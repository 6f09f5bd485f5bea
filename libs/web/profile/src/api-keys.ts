// @desk/web/profile/api-keys: the API keys panel, deferred by the dashboard (it sits below the fold), so the
// dashboard's first load does not carry it.
export * from './lib/api-keys/api-keys-api';
export * from './lib/api-keys/api-keys-store';
export * from './lib/api-keys/api-keys-panel';
