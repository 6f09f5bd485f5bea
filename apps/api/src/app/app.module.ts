import { AccountModule } from '@desk/api/account';
import { AuthModule } from '@desk/api/auth';
import { CoreModule, DeskEnv } from '@desk/api/core';
import { EventsModule } from '@desk/api/events';
import { OrdersModule } from '@desk/api/orders';
import { ProfileModule } from '@desk/api/profile';
import { UpstoxClientModule } from '@desk/upstox/client';
import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';

export type ExtraImports = NonNullable<ModuleMetadata['imports']>;

/**
 * The composition root: core (config, storage, security, logging) plus the features. Every module reads its
 * settings from the env record given here, never from process.env, so tests can run several apps at once.
 */
@Module({})
export class AppModule {
  static register(env: DeskEnv, extraImports: ExtraImports = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({ env }),
        UpstoxClientModule.forRoot({ env }),
        AuthModule,
        ProfileModule,
        AccountModule,
        OrdersModule,
        EventsModule,
        ...extraImports,
      ],
    };
  }
}
