export * from './lib/profile-api';
export * from './lib/profile-store';
export * from './lib/profile-panel/profile-panel';
export * from './lib/api-keys/api-keys-api';
export * from './lib/api-keys/api-keys-store';
export * from './lib/api-keys/api-keys-panel';
