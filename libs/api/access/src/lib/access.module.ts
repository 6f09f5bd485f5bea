import { Clock, SECURITY_CONFIG, SecurityConfig, STORAGE_CONFIG, StorageConfig, ensurePrivateDir } from '@desk/api/core';
import { Global, Module, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysController } from './controllers/api-keys.controller';
import { SessionController } from './controllers/session.controller';
import { SignInController } from './controllers/sign-in.controller';
import { ApiKeyRepository } from './security/api-key.repository';
import { ApiKeyService } from './security/api-key.service';
import { Authenticator } from './security/authenticator';
import { AuthenticationGuard, RateLimitGuard, RequestOriginGuard, ScopeGuard } from './security/guards';
import { InboundLimiter } from './security/inbound-limiter';
import { LoginTokenService } from './security/login-token.service';
import { PrincipalRevocations } from './security/principal-revocations';
import { RateLimiter } from './security/rate-limiter';
import { SessionRepository } from './security/session.repository';
import { SessionService } from './security/session.service';

/** Request order of the global guards (after the express-level Host check, see configureHttpPipeline). */
const guards: Provider[] = [AuthenticationGuard, RequestOriginGuard, ScopeGuard, RateLimitGuard].map((guard) => ({
  provide: APP_GUARD,
  useClass: guard,
}));

/**
 * The desk's own access control: the sign-in link and form, dashboard sessions, API keys for scripts and bots,
 * and the global guards every route passes (authentication, cross-site checks, scopes, inbound rate limits).
 * Global: feature controllers use its decorators and features such as the event stream inject Authenticator
 * and PrincipalRevocations without importing it.
 */
@Global()
@Module({
  controllers: [SignInController, SessionController, ApiKeysController],
  providers: [
    {
      provide: LoginTokenService,
      inject: [SECURITY_CONFIG, STORAGE_CONFIG],
      useFactory: (security: SecurityConfig, storage: StorageConfig) => {
        ensurePrivateDir(storage.dataDir);
        return new LoginTokenService(security.loginToken, storage.dataDir);
      },
    },
    {
      provide: InboundLimiter,
      inject: [SECURITY_CONFIG, Clock],
      useFactory: (security: SecurityConfig, clock: Clock) =>
        new InboundLimiter(
          new RateLimiter(security.rateLimitPerSecond, security.rateLimitPerMinute, clock),
          new RateLimiter(security.readRateLimitPerSecond, security.readRateLimitPerMinute, clock),
        ),
    },
    SessionRepository,
    SessionService,
    PrincipalRevocations,
    ApiKeyRepository,
    ApiKeyService,
    Authenticator,
    ...guards,
  ],
  exports: [LoginTokenService, SessionService, PrincipalRevocations, ApiKeyService, Authenticator, InboundLimiter],
})
export class AccessModule {}
