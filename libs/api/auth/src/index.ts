export * from './lib/auth.module';
export { ConnectionService, isTokenRejected } from './lib/connection/connection.service';
export { RECONNECT, CONNECT } from './lib/connection/connection-errors';
export { OAUTH_CHANNEL } from './lib/pages/callback-pages';
export { AUTH_OPTIONS } from './lib/auth.options';
export type { AuthOptions } from './lib/auth.options';
export { ConnectionChanges } from './lib/connection/connection-changes';
export { PortfolioStreamService } from './lib/stream/portfolio-stream.service';
export type { AccountStreamListener } from './lib/stream/portfolio-stream.service';
