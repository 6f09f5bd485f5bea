import { DynamicModule, Global, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { ConfigFactory, ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { Logger } from 'pino';
import { Clock } from './clock';
import { coreConfigFactories } from './config/core-config';
import { DESK_ENV, DeskEnv } from './config/desk-env';
import { LOGGING_CONFIG, LoggingConfig } from './config/logging.config';
import { SECURITY_CONFIG, SecurityConfig } from './config/security.config';
import { SERVER_CONFIG, ServerConfig } from './config/server.config';
import { STORAGE_CONFIG, StorageConfig } from './config/storage.config';
import { loadEncryptionKey } from './crypto/encryption-key';
import { SecretBox } from './crypto/secret-box';
import { DeskExceptionFilter } from './errors/desk-exception.filter';
import { createValidationPipe } from './errors/validation';
import { HostAllowlist } from './http/host-allowlist';
import { createDeskPino, DESK_PINO } from './logging/desk-logger';
import { ensurePrivateDir } from './storage/private-files';
import { SqliteDatabase } from './storage/sqlite-database';

export interface CoreModuleOptions {
  /** The environment to configure from (main.ts passes process.env; tests their own record). */
  env: DeskEnv;
  /** Extra registerAs namespaces of feature libs, built from the same env. */
  load?: ConfigFactory[];
}

/** Closes the database last, after every module's own shutdown hooks ran. */
class DatabaseCloser implements OnApplicationShutdown {
  constructor(private readonly db: SqliteDatabase) {}
  onApplicationShutdown(): void {
    this.db.close();
  }
}

const infrastructure: Provider[] = [
  {
    provide: DESK_PINO,
    inject: [LOGGING_CONFIG],
    useFactory: (config: LoggingConfig): Logger => createDeskPino(config),
  },
  {
    provide: SqliteDatabase,
    inject: [STORAGE_CONFIG],
    useFactory: (storage: StorageConfig) => {
      ensurePrivateDir(storage.dataDir);
      const db = SqliteDatabase.inDataDir(storage.dataDir);
      return db;
    },
  },
  { provide: DatabaseCloser, inject: [SqliteDatabase], useFactory: (db: SqliteDatabase) => new DatabaseCloser(db) },
  {
    provide: SecretBox,
    inject: [SECURITY_CONFIG, STORAGE_CONFIG],
    useFactory: (security: SecurityConfig, storage: StorageConfig) => {
      ensurePrivateDir(storage.dataDir);
      return new SecretBox(loadEncryptionKey(security.encryptionKey, storage.dataDir));
    },
  },
  Clock,
  {
    provide: HostAllowlist,
    inject: [SERVER_CONFIG],
    useFactory: (server: ServerConfig) => new HostAllowlist(server.allowedHosts),
  },
];


/**
 * Config, logging, storage, secrets, the error filter and the validation pipe. Global: feature modules inject
 * SqliteDatabase, SecretBox, Clock and the config tokens without importing it.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validatePredefined: false,
          skipProcessEnv: true,
          load: [...coreConfigFactories(options.env), ...(options.load ?? [])],
        }),
      ],
      providers: [
        { provide: DESK_ENV, useValue: options.env },
        ...infrastructure,
        { provide: APP_FILTER, useClass: DeskExceptionFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [
        DESK_ENV,
        DESK_PINO,
        SqliteDatabase,
        SecretBox,
        Clock,
        HostAllowlist,
      ],
    };
  }
}
