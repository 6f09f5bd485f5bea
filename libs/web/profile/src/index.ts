export * from './lib/profile-api';
export * from './lib/profile-store';
export * from './lib/profile-panel/profile-panel';
export * from './lib/account-controls/account-controls-api';
export * from './lib/account-controls/static-ip-store';
export * from './lib/account-controls/static-ip-warning';
export * from './lib/account-controls/kill-switch-store';
// The API keys panel has its own entry, @desk/web/profile/api-keys (deferred by the dashboard).
