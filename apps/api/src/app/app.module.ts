import { AccessModule } from '@desk/api/access';
import { AccountModule } from '@desk/api/account';
import { ConnectionModule } from '@desk/api/connection';
import { CoreModule, DeskEnv } from '@desk/api/core';
import { EventsModule } from '@desk/api/events';
import { MarketModule } from '@desk/api/market';
import { OrdersModule } from '@desk/api/orders';
import { ProfileModule } from '@desk/api/profile';
import { UpstoxClientModule } from '@desk/upstox/client';
import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { HealthController } from './health.controller';

export type ExtraImports = NonNullable<ModuleMetadata['imports']>;

/**
 * The composition root: core (config, storage, logging, errors), access control, the Upstox client and connection,
 * and the features. The health check lives here: it belongs to the running app, not to a feature. Every module reads its
 * settings from the env record given here, never from process.env, so tests can run several apps at once.
 */
@Module({})
export class AppModule {
  static register(env: DeskEnv, extraImports: ExtraImports = []): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController],
      imports: [
        CoreModule.forRoot({ env }),
        AccessModule,
        UpstoxClientModule.forRoot({ env }),
        ConnectionModule,
        ProfileModule,
        AccountModule,
        OrdersModule,
        EventsModule,
        MarketModule,
        ...extraImports,
      ],
    };
  }
}
