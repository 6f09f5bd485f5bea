import { Module } from '@nestjs/common';
import { DESK_ENV } from '@desk/api/core';
import { ConnectionModule } from '@desk/api/connection';
import { AccountModule } from '@desk/api/account';
import { EventHub } from './event-hub.service';
import { EVENTS_CONFIG, parseEventsConfig } from './events.config';
import { EventsController } from './events.controller';

/** GET /api/events: one Server-Sent Events fan-out of the account mirror and the connection, for every client. */
@Module({
  imports: [ConnectionModule, AccountModule],
  controllers: [EventsController],
  providers: [{ provide: EVENTS_CONFIG, useFactory: parseEventsConfig, inject: [DESK_ENV] }, EventHub],
  exports: [EventHub],
})
export class EventsModule {}
