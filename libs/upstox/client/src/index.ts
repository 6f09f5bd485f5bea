export * from './lib/upstox-client.module';
