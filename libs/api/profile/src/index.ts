export * from './lib/api-profile.module';
