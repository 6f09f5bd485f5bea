import { Module } from '@nestjs/common';
import { DESK_ENV, DeskEnv, EnvReader, SecretBox, SERVER_CONFIG, ServerConfig, SqliteDatabase } from '@desk/api/core';
import { CONNECTION_OPTIONS, ConnectionOptions, DEFAULT_STATE_TTL_MS, defaultRedirectUriFor } from './connection.options';
import { ConnectionController } from './connection/connection.controller';
import { ConnectionChanges } from './connection/connection-changes';
import { ConnectionSetup } from './connection/connection-setup.service';
import { ConnectionService } from './connection/connection.service';
import { PortfolioStreamService } from './stream/portfolio-stream.service';
import { CallbackController } from './oauth/callback.controller';
import { OAuthFlowService } from './oauth/oauth-flow.service';
import { OAuthOutcomeStore } from './oauth/oauth-outcomes';
import { ConnectionRepository } from './persistence/connection.repository';
import { OAuthAttemptRepository } from './persistence/oauth-attempt.repository';
import { AUTH_DATABASE, AUTH_SECRETS } from './persistence/ports';

/** OAUTH_STATE_TTL_MS: 1 s to 10 min (RFC 6749 and ASVS cap codes and states at 10 minutes). */
export function readConnectionOptions(env: DeskEnv, server: Pick<ServerConfig, 'port'> | undefined): ConnectionOptions {
  const reader = new EnvReader(env);
  const stateTtlMs = reader.integer('OAUTH_STATE_TTL_MS', DEFAULT_STATE_TTL_MS, 1_000, DEFAULT_STATE_TTL_MS);
  // A stalled socket is noticed within ping + pong timeout; reconnects back off up to the cap, with jitter.
  const stream = {
    pingIntervalMs: reader.integer('UPSTOX_STREAM_PING_MS', 10_000, 50, 300_000),
    pongTimeoutMs: reader.integer('UPSTOX_STREAM_PONG_TIMEOUT_MS', 5_000, 50, 60_000),
    backoff: {
      initialMs: reader.integer('UPSTOX_STREAM_RECONNECT_MIN_MS', 500, 10, 60_000),
      maxMs: reader.integer('UPSTOX_STREAM_RECONNECT_MAX_MS', 30_000, 10, 600_000),
    },
  };
  reader.assertValid();
  return { stateTtlMs, defaultRedirectUri: defaultRedirectUriFor(server?.port), stream };
}

/**
 * The Upstox connection: OAuth (Option A) with the /callback page, pasted token (Option B), status and
 * expiry. Other modules use the exported ConnectionService (requireAuth / withUpstox; openSession / withSession
 * when one request makes several Upstox calls).
 */
@Module({
  controllers: [ConnectionController, CallbackController],
  providers: [
    { provide: AUTH_DATABASE, useExisting: SqliteDatabase },
    { provide: AUTH_SECRETS, useExisting: SecretBox },
    { provide: CONNECTION_OPTIONS, useFactory: readConnectionOptions, inject: [DESK_ENV, SERVER_CONFIG] },
    ConnectionChanges,
    ConnectionRepository,
    OAuthAttemptRepository,
    OAuthOutcomeStore,
    OAuthFlowService,
    ConnectionService,
    ConnectionSetup,
    PortfolioStreamService,
  ],
  exports: [ConnectionService, ConnectionChanges, PortfolioStreamService],
})
export class ConnectionModule {}
