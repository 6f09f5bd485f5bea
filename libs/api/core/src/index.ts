// Module
export * from './lib/core.module';
// Config
export * from './lib/config/desk-env';
export * from './lib/config/core-config';
export * from './lib/config/server.config';
export * from './lib/config/storage.config';
export * from './lib/config/security.config';
export * from './lib/config/logging.config';
export * from './lib/config/web.config';
// Storage, secrets, time
export * from './lib/storage/sqlite-database';
export * from './lib/storage/private-files';
export * from './lib/storage/data-dir-trust';
export * from './lib/crypto/secret-box';
export * from './lib/crypto/encryption-key';
export * from './lib/crypto/hashing';
export * from './lib/clock';
// HTTP pipeline (access control itself is in @desk/api/access)
export * from './lib/http/host-allowlist';
export * from './lib/http/configure-http-app';
export * from './lib/http/loopback-listen';
export * from './lib/http/json-body';
export * from './lib/openapi';
// Errors and logging
export * from './lib/errors/guard-errors';
export * from './lib/errors/desk-exception.filter';
export * from './lib/errors/validation';
export * from './lib/logging/describe-error';
export * from './lib/logging/desk-logger';
export * from './lib/logging/desk-nest-logger';
export * from './lib/logging/redaction';
export * from './lib/version';
