import {
  assertDataDirTrusted,
  configureHttpPipeline,
  DESK_PINO,
  DeskNestLogger,
  DeskEnv,
  ensurePrivateDir,
  HostAllowlist,
  listenOnLoopbacks,
  loadEncryptionKey,
  setupOpenApi,
  validateCoreConfig,
} from '@desk/api/core';
import { LoginTokenService, openApiAccess } from '@desk/api/access';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { AppModule, ExtraImports } from './app/app.module';

export interface RunningApi {
  app: NestExpressApplication;
  /** e.g. http://localhost:41234 (the origin the dashboard uses). */
  url: string;
  port: number;
  host: string;
  /** Every address it answers on: HOST plus both loopbacks, e.g. ["127.0.0.1:5000", "[::1]:5000"]. */
  listening: string[];
  /** True when the machine has no IPv6 loopback (nobody can listen on ::1, so 127.0.0.1 is enough). */
  ipv6LoopbackMissing: boolean;
  /** The one-time sign-in link: http://localhost:PORT/?link=NONCE (works once; no lasting token in it). */
  loginUrl: string;
  /** The lasting login token (DATA_DIR/login-token, typed into the sign-in form). */
  loginToken: string;
  /** DATA_DIR/login-token */
  loginTokenFile: string;
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
  let listening: Awaited<ReturnType<typeof listenOnLoopbacks>>;
  try {
    app.useLogger(new DeskNestLogger(app.get(DESK_PINO)));
    configureHttpPipeline(app);
    setupOpenApi(app, openApiAccess(app));
    // Both 127.0.0.1 and ::1: every URL the desk prints or registers says `localhost`.
    listening = await listenOnLoopbacks(app, config.server.port, config.server.host);
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  const { port } = listening;
  app.get(HostAllowlist).setListeningPort(port);
  app.get<Logger>(DESK_PINO).info(
    { event: 'listening', addresses: listening.addresses, ipv6LoopbackMissing: listening.ipv6LoopbackMissing },
    listening.ipv6LoopbackMissing
      ? `listening on ${listening.addresses.join(', ')}; this machine has no IPv6 loopback, so nothing can listen on [::1]`
      : `listening on ${listening.addresses.join(', ')}`,
  );
  const url = `http://localhost:${port}`;
  const loginToken = app.get(LoginTokenService);
  return {
    app,
    url,
    port,
    host: config.server.host,
    listening: listening.addresses,
    ipv6LoopbackMissing: listening.ipv6LoopbackMissing,
    loginUrl: loginToken.signInLink(url),
    loginToken: loginToken.reveal(),
    loginTokenFile: loginToken.tokenFile,
    dataDir: config.storage.dataDir,
    close: () => app.close(),
  };
}
