import {
  assertDataDirTrusted,
  configureHttpPipeline,
  DESK_PINO,
  DeskNestLogger,
  DeskEnv,
  ensurePrivateDir,
  HostAllowlist,
  loadEncryptionKey,
  LoginTokenService,
  setupOpenApi,
  validateCoreConfig,
} from '@desk/api/core';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { AppModule, ExtraImports } from './app/app.module';

export interface RunningApi {
  app: NestExpressApplication;
  /** e.g. http://localhost:41234 (the origin the dashboard uses). */
  url: string;
  port: number;
  host: string;
  /** Open once to get a session: http://localhost:PORT/?token=... */
  loginUrl: string;
  loginToken: string;
  dataDir: string;
  close(): Promise<void>;
}

export interface CreateApiOptions {
  /** Extra modules (tests: probe controllers). */
  imports?: ExtraImports;
}

/**
 * Builds, configures and starts the api from an explicit env record. Bad settings throw a ConfigError
 * (with every problem listed) before anything listens; the caller decides how to report it.
 */
export async function createApiApp(env: DeskEnv, options: CreateApiOptions = {}): Promise<RunningApi> {
  const config = validateCoreConfig(env);
  // Fail fast on the data folder and key file before Nest starts, so the message is the only output. The
  // trust check comes first: a folder or secret file another user owns, could swap or read is refused
  // before anything in it is created or changed.
  assertDataDirTrusted(config.storage.dataDir);
  ensurePrivateDir(config.storage.dataDir);
  loadEncryptionKey(config.security.encryptionKey, config.storage.dataDir);

  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(env, options.imports), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  try {
    app.useLogger(new DeskNestLogger(app.get(DESK_PINO)));
    configureHttpPipeline(app);
    setupOpenApi(app);
    await app.listen(config.server.port, config.server.host);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const port = (app.getHttpServer().address() as AddressInfo).port;
  app.get(HostAllowlist).setListeningPort(port);
  const loginToken = app.get(LoginTokenService);
  return {
    app,
    url: `http://localhost:${port}`,
    port,
    host: config.server.host,
    loginUrl: loginToken.loginUrl(port),
    loginToken: loginToken.reveal(),
    dataDir: config.storage.dataDir,
    close: () => app.close(),
  };
}
