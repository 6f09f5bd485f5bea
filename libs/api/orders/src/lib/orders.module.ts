import { Module } from '@nestjs/common';
import { DESK_ENV, SqliteDatabase, STORAGE_CONFIG, StorageConfig } from '@desk/api/core';
import { ConnectionModule } from '@desk/api/connection';
import { AccountModule } from '@desk/api/account';
import { ProfileModule } from '@desk/api/profile';
import { EventsModule } from '@desk/api/events';
import { InstrumentsController } from './instruments/instruments.controller';
import { InstrumentsService, ORDERS_DATA_DIR } from './instruments/instruments.service';
import { INSTRUMENTS_CONFIG, parseInstrumentsConfig } from './instruments/instruments.config';
import { JournalDatabase, OrderIntentsRepository } from './journal/order-intents.repository';
import { OrderChangesService } from './order-changes.service';
import { OrderIntentsController } from './order-intents.controller';
import { ORDERS_CONFIG, parseOrdersConfig } from './orders.config';
import { OrdersController } from './orders.controller';
import { KillSwitchService } from './placement/kill-switch.service';
import { OrderBookAudit } from './placement/order-book-audit';
import { OrderGate } from './placement/order-gate';
import { OrderPlacementService } from './placement/order-placement.service';
import { OrderReconciler } from './placement/order-reconciler';
import { OrderSubmission } from './placement/order-submission';
import { PlaceOutcomes } from './placement/place-outcomes';
import { PreTradeChecks } from './placement/pre-trade-checks';
import { StartupBarrier } from './placement/startup-barrier';

/**
 * Orders: the journal with idempotency, placement with reconciliation and the startup barrier,
 * pre-trade limits, the kill switch, modify/cancel, the order book, trades and instruments.
 */
@Module({
  imports: [ConnectionModule, AccountModule, ProfileModule, EventsModule],
  controllers: [OrdersController, OrderIntentsController, InstrumentsController],
  providers: [
    { provide: ORDERS_CONFIG, useFactory: parseOrdersConfig, inject: [DESK_ENV] },
    { provide: INSTRUMENTS_CONFIG, useFactory: parseInstrumentsConfig, inject: [DESK_ENV] },
    { provide: ORDERS_DATA_DIR, useFactory: (storage: StorageConfig) => storage.dataDir, inject: [STORAGE_CONFIG] },
    {
      provide: OrderIntentsRepository,
      useFactory: (db: JournalDatabase) => new OrderIntentsRepository(db),
      inject: [SqliteDatabase],
    },
    InstrumentsService,
    KillSwitchService,
    PreTradeChecks,
    OrderReconciler,
    OrderBookAudit,
    StartupBarrier,
    OrderGate,
    PlaceOutcomes,
    OrderSubmission,
    OrderPlacementService,
    OrderChangesService,
  ],
  exports: [InstrumentsService, PreTradeChecks],
})
export class OrdersModule {}
