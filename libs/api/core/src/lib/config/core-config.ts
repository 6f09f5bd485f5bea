import { ConfigFactory } from '@nestjs/config';
import { DeskEnv, EnvReader } from './desk-env';
import { LoggingConfig, loggingConfig, readLoggingConfig } from './logging.config';
import { readSecurityConfig, SecurityConfig, securityConfig } from './security.config';
import { readServerConfig, ServerConfig, serverConfig } from './server.config';
import { readStorageConfig, StorageConfig, storageConfig } from './storage.config';
import { readWebConfig, WebConfig, webConfig } from './web.config';

export interface CoreConfig {
  server: ServerConfig;
  storage: StorageConfig;
  security: SecurityConfig;
  logging: LoggingConfig;
  web: WebConfig;
}

/** Validates every core setting at once and throws one ConfigError listing all bad values. */
export function validateCoreConfig(env: DeskEnv): CoreConfig {
  const reader = new EnvReader(env);
  const config: CoreConfig = {
    server: readServerConfig(reader),
    storage: readStorageConfig(reader, env),
    security: readSecurityConfig(reader),
    logging: readLoggingConfig(reader),
    web: readWebConfig(reader),
  };
  reader.assertValid();
  return config;
}

/** The core's registerAs namespaces, reading the given env record (not process.env). */
export function coreConfigFactories(env: DeskEnv): ConfigFactory[] {
  return [serverConfig(env), storageConfig(env), securityConfig(env), loggingConfig(env), webConfig(env)];
}
