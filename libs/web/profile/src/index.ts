export * from './lib/web-profile/web-profile';
