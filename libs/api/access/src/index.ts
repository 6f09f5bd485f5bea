// Module
export { AccessModule } from './lib/access.module';
// Decorators and the principal every feature controller uses
export { Public, RequireScope, SessionOnly, CurrentPrincipal, SESSION_SCOPES } from './lib/security/principal';
export type { Principal, DeskRequest } from './lib/security/principal';
// Services features inject
export { Authenticator } from './lib/security/authenticator';
export { PrincipalRevocations } from './lib/security/principal-revocations';
export { LoginTokenService, SIGN_IN_LINK_PARAM } from './lib/security/login-token.service';
export { SessionService, SESSION_COOKIE } from './lib/security/session.service';
export { ApiKeyService } from './lib/security/api-key.service';
export { InboundLimiter } from './lib/security/inbound-limiter';
// Docs gate and security schemes (createApiApp passes them to core's setupOpenApi)
export { openApiAccess } from './lib/openapi-access';
