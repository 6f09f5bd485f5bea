export * from './lib/profile-api';
export * from './lib/profile-store';
export * from './lib/profile-panel/profile-panel';
