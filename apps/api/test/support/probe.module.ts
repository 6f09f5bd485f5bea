import { SecretBox, SqliteDatabase } from '@desk/api/core';
import { Public, RequireScope } from '@desk/api/access';
import { Body, Controller, Get, HttpCode, Injectable, Module, OnModuleInit, Post } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';

export const BOOM_CANARY = 'CANARY-BOOM-7d1c';

/** Counts how often each probe handler actually ran (the guards' "0 handler calls" figures). */
@Injectable()
export class ProbeCounter {
  readonly calls: Record<string, number> = {};

  hit(name: string): number {
    this.calls[name] = (this.calls[name] ?? 0) + 1;
    return this.calls[name];
  }

  total(): number {
    return Object.values(this.calls).reduce((sum, n) => sum + n, 0);
  }
}

class SecretDto {
  @IsString()
  @MaxLength(500)
  value!: string;
}

/** Stores a value the way feature libs store secrets: sealed with SecretBox, in its own migrated table. */
@Injectable()
export class ProbeSecrets implements OnModuleInit {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly box: SecretBox,
  ) {}

  onModuleInit(): void {
    this.db.migrate('probe', [{ version: 1, sql: 'CREATE TABLE probe_secret (id INTEGER PRIMARY KEY, sealed TEXT NOT NULL)' }]);
  }

  store(value: string): number {
    const result = this.db.connection.prepare('INSERT INTO probe_secret (sealed) VALUES (?)').run('pending');
    const id = Number(result.lastInsertRowid);
    this.db.connection.prepare('UPDATE probe_secret SET sealed = ? WHERE id = ?').run(this.box.seal(value, `probe/${id}`), id);
    return id;
  }

  read(id: number): string {
    const row = this.db.connection.prepare('SELECT sealed FROM probe_secret WHERE id = ?').get(id) as { sealed: string };
    return this.box.open(row.sealed, `probe/${id}`);
  }
}

@Controller('api/__probe')
export class ProbeController {
  constructor(
    private readonly counter: ProbeCounter,
    private readonly secrets: ProbeSecrets,
  ) {}

  @Public()
  @Get('public')
  publicRead() {
    return { calls: this.counter.hit('public-get') };
  }

  @Public()
  @Post('public')
  @HttpCode(200)
  publicWrite() {
    return { calls: this.counter.hit('public-post') };
  }

  @Get('private')
  privateRead() {
    return { calls: this.counter.hit('private-get') };
  }

  @Post('private')
  @HttpCode(200)
  privateWrite(@Body() body: unknown) {
    return { calls: this.counter.hit('private-post'), received: body };
  }

  /** An unexpected failure whose message must never reach the client. */
  @Get('boom')
  boom(): never {
    throw new Error(`internal detail ${BOOM_CANARY} at /home/user/secret/path.ts`);
  }

  @RequireScope('trade')
  @Post('trade')
  @HttpCode(200)
  trade() {
    return { calls: this.counter.hit('trade') };
  }

  @Post('secret')
  storeSecret(@Body() body: SecretDto) {
    this.counter.hit('secret');
    return { id: this.secrets.store(body.value) };
  }
}

@Module({ controllers: [ProbeController], providers: [ProbeCounter, ProbeSecrets] })
export class ProbeModule {}
