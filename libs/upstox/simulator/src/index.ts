export * from './lib/upstox-simulator';
