import type { Database, Statement } from 'better-sqlite3';
import {
  OrderIntentRow,
  OrderIntentStatus,
  StoredResponse,
  UNRESOLVED_STATUSES,
  sourcesOf,
} from './order-intent';

/** What the journal needs from the api's embedded database (SqliteDatabase in @desk/api/core). */
export interface JournalDatabase {
  readonly connection: Database;
  migrate(owner: string, migrations: { version: number; sql: string }[]): void;
  /** A prepared statement compiled once (core's SqliteDatabase.statement). */
  statement(sql: string): Statement;
}

export const ORDERS_MIGRATIONS = [
  {
    version: 1,
    sql: `
      CREATE TABLE order_intents (
        id               TEXT PRIMARY KEY,
        principal_id     TEXT NOT NULL,
        idempotency_key  TEXT NOT NULL,
        fingerprint      TEXT NOT NULL,
        broker_tag       TEXT NOT NULL UNIQUE,
        user_tag         TEXT,
        request_json     TEXT NOT NULL,
        status           TEXT NOT NULL,
        order_ids_json   TEXT NOT NULL DEFAULT '[]',
        latency_ms       INTEGER,
        error_code       TEXT,
        upstox_code      TEXT,
        error_message    TEXT,
        response_json    TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        UNIQUE (principal_id, idempotency_key)
      );
      CREATE INDEX order_intents_status ON order_intents (status);
      CREATE TABLE order_settings (
        name        TEXT PRIMARY KEY,
        value_json  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );
    `,
  },
];

interface Row {
  id: string;
  principal_id: string;
  idempotency_key: string;
  fingerprint: string;
  broker_tag: string;
  user_tag: string | null;
  request_json: string;
  status: OrderIntentStatus;
  order_ids_json: string;
  latency_ms: number | null;
  error_code: string | null;
  upstox_code: string | null;
  error_message: string | null;
  response_json: string | null;
  created_at: string;
  updated_at: string;
}

function toIntent(r: Row): OrderIntentRow {
  return {
    id: r.id,
    principalId: r.principal_id,
    idempotencyKey: r.idempotency_key,
    fingerprint: r.fingerprint,
    brokerTag: r.broker_tag,
    userTag: r.user_tag,
    request: r.request_json,
    status: r.status,
    orderIds: JSON.parse(r.order_ids_json) as string[],
    latencyMs: r.latency_ms,
    errorCode: r.error_code,
    upstoxCode: r.upstox_code,
    errorMessage: r.error_message,
    response: r.response_json ? (JSON.parse(r.response_json) as StoredResponse) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface NewIntent {
  id: string;
  principalId: string;
  idempotencyKey: string;
  fingerprint: string;
  brokerTag: string;
  userTag: string | null;
  request: string;
}

export type ClaimResult = { claimed: true; intent: OrderIntentRow } | { claimed: false; existing: OrderIntentRow };

export interface Outcome {
  orderIds?: string[];
  latencyMs?: number | null;
  errorCode?: string | null;
  upstoxCode?: string | null;
  errorMessage?: string | null;
  /** Stored only when no response was stored yet (the first answer is the one replayed). */
  response?: StoredResponse;
}

/**
 * The order journal and the idempotency store in one table: the (principal, key) unique
 * constraint makes the claim a single atomic INSERT with exactly one winner, and the row that
 * wins is the journal entry written before the broker call. better-sqlite3 runs each statement
 * synchronously on a WAL database with synchronous=FULL, so a returned insert is durable.
 */
export class OrderIntentsRepository {
  constructor(private readonly db: JournalDatabase) {
    db.migrate('orders', ORDERS_MIGRATIONS);
  }

  findByKey(principalId: string, idempotencyKey: string): OrderIntentRow | null {
    const row = this.db.statement('SELECT * FROM order_intents WHERE principal_id = ? AND idempotency_key = ?')
      .get(principalId, idempotencyKey) as Row | undefined;
    return row ? toIntent(row) : null;
  }

  findByBrokerTag(brokerTag: string): OrderIntentRow | null {
    const row = this.db.statement('SELECT * FROM order_intents WHERE broker_tag = ?').get(brokerTag) as Row | undefined;
    return row ? toIntent(row) : null;
  }

  findById(id: string): OrderIntentRow | null {
    const row = this.db.statement('SELECT * FROM order_intents WHERE id = ?').get(id) as Row | undefined;
    return row ? toIntent(row) : null;
  }

  /** Insert the PENDING_SUBMIT row, or return the row that already holds this key. */
  claim(n: NewIntent, now: Date): ClaimResult {
    const at = now.toISOString();
    // RETURNING: the row as stored comes back from the insert itself, without a second statement.
    const inserted = this.db.statement(
        `INSERT INTO order_intents (id, principal_id, idempotency_key, fingerprint, broker_tag, user_tag,
           request_json, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING_SUBMIT', ?, ?)
         ON CONFLICT (principal_id, idempotency_key) DO NOTHING
         RETURNING *`,
      )
      .get(n.id, n.principalId, n.idempotencyKey, n.fingerprint, n.brokerTag, n.userTag, n.request, at, at) as Row | undefined;
    if (inserted) return { claimed: true, intent: toIntent(inserted) };
    const existing = this.findByKey(n.principalId, n.idempotencyKey);
    if (!existing) throw new Error('order intent claim lost without a winner');
    return { claimed: false, existing };
  }

  /**
   * Compare-and-set move to `to`: succeeds only from a status the state machine allows, so two
   * reconcilers racing on one intent cannot both record an outcome. Returns the row after the
   * move, or null when the intent was not in an allowed status.
   */
  transition(id: string, to: OrderIntentStatus, outcome: Outcome, now: Date): OrderIntentRow | null {
    const from = sourcesOf(to);
    const placeholders = from.map(() => '?').join(', ');
    const updated = this.db.statement(
        `UPDATE order_intents SET
           status = ?,
           order_ids_json = COALESCE(?, order_ids_json),
           latency_ms = COALESCE(?, latency_ms),
           error_code = COALESCE(?, error_code),
           upstox_code = COALESCE(?, upstox_code),
           error_message = COALESCE(?, error_message),
           response_json = COALESCE(response_json, ?),
           updated_at = ?
         WHERE id = ? AND status IN (${placeholders})
         RETURNING *`,
      )
      .get(
        to,
        outcome.orderIds ? JSON.stringify(outcome.orderIds) : null,
        outcome.latencyMs ?? null,
        outcome.errorCode ?? null,
        outcome.upstoxCode ?? null,
        outcome.errorMessage ?? null,
        outcome.response ? JSON.stringify(outcome.response) : null,
        now.toISOString(),
        id,
        ...from,
      ) as Row | undefined;
    return updated ? toIntent(updated) : null;
  }

  /** Store the answer given to the client, if none was stored yet. */
  storeResponse(id: string, response: StoredResponse, now: Date): void {
    this.db.statement('UPDATE order_intents SET response_json = COALESCE(response_json, ?), updated_at = ? WHERE id = ?')
      .run(JSON.stringify(response), now.toISOString(), id);
  }

  /**
   * Overwrites the stored answer. Only for an intent found placed after it was answered "not placed":
   * a retry with the same key must then learn the truth, not replay a now-false refusal.
   */
  replaceResponse(id: string, response: StoredResponse, now: Date): void {
    this.db.statement('UPDATE order_intents SET response_json = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(response), now.toISOString(), id);
  }

  listUnresolved(): OrderIntentRow[] {
    const marks = UNRESOLVED_STATUSES.map(() => '?').join(', ');
    const rows = this.db.statement(`SELECT * FROM order_intents WHERE status IN (${marks}) ORDER BY created_at, id`)
      .all(...UNRESOLVED_STATUSES) as Row[];
    return rows.map(toIntent);
  }

  /** Most recent first. */
  listRecent(limit: number): OrderIntentRow[] {
    const rows = this.db.statement('SELECT * FROM order_intents ORDER BY created_at DESC, id DESC LIMIT ?')
      .all(limit) as Row[];
    return rows.map(toIntent);
  }

  countByStatus(): Record<string, number> {
    const rows = this.db.statement('SELECT status, COUNT(*) AS n FROM order_intents GROUP BY status')
      .all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  readSetting<T>(name: string): { value: T; updatedAt: string } | null {
    const row = this.db.statement('SELECT value_json, updated_at FROM order_settings WHERE name = ?').get(name) as
      | { value_json: string; updated_at: string }
      | undefined;
    return row ? { value: JSON.parse(row.value_json) as T, updatedAt: row.updated_at } : null;
  }

  writeSetting(name: string, value: unknown, now: Date): void {
    this.db.statement(
        `INSERT INTO order_settings (name, value_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
      )
      .run(name, JSON.stringify(value), now.toISOString());
  }
}
