import { DeskEnv, EnvReader } from '@desk/api/core';

export interface EventsConfig {
  /** How many recent events a reconnecting client can get back with Last-Event-ID (EVENTS_BUFFER_SIZE). */
  bufferSize: number;
  /** Comment line sent to every client this often, so proxies keep the stream open (EVENTS_HEARTBEAT_MS). */
  heartbeatMs: number;
  /** A client whose unsent output passes this many bytes is too slow and is dropped (EVENTS_MAX_CLIENT_BACKLOG_BYTES). */
  maxClientBacklogBytes: number;
}

export const EVENTS_CONFIG = Symbol('EVENTS_CONFIG');

export function parseEventsConfig(env: DeskEnv): EventsConfig {
  const reader = new EnvReader(env);
  const config: EventsConfig = {
    bufferSize: reader.integer('EVENTS_BUFFER_SIZE', 1_000, 1, 100_000),
    heartbeatMs: reader.integer('EVENTS_HEARTBEAT_MS', 15_000, 50, 300_000),
    maxClientBacklogBytes: reader.integer('EVENTS_MAX_CLIENT_BACKLOG_BYTES', 1_048_576, 1_024, 67_108_864),
  };
  reader.assertValid();
  return config;
}
