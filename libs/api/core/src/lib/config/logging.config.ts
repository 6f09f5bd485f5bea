import { getConfigToken, registerAs } from '@nestjs/config';
import { resolve } from 'node:path';
import { DeskEnv, EnvReader } from './desk-env';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** JSON log destinations (namespace `logging`). */
export interface LoggingConfig {
  level: LogLevel;
  /** Also append the JSON lines to this file. */
  file?: string;
  /** Write the JSON lines to stdout (default true; tests turn it off and read LOG_FILE). */
  stdout: boolean;
}

export const LOGGING_CONFIG = getConfigToken('logging');

export function readLoggingConfig(reader: EnvReader): LoggingConfig {
  const file = reader.string('LOG_FILE');
  return {
    level: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    file: file ? resolve(file) : undefined,
    stdout: reader.boolean('LOG_STDOUT', true),
  };
}

export function parseLoggingConfig(env: DeskEnv): LoggingConfig {
  const reader = new EnvReader(env);
  const config = readLoggingConfig(reader);
  reader.assertValid();
  return config;
}

export const loggingConfig = (env: DeskEnv) => registerAs('logging', () => parseLoggingConfig(env));
