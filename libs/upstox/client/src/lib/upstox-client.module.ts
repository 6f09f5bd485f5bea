import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { HttpModule } from '@nestjs/axios';
import { ConfigModule } from '@nestjs/config';
import { HttpUpstoxClient, UPSTOX_RETRY_OPTIONS } from './http-upstox-client';
import { InstrumentFileLoader } from './instrument-file-loader';
import { DEFAULT_OUTBOUND_LIMITS, OutboundLimiter, OutboundLimits } from './outbound-limiter';
import { RetryOptions } from './retry-policy';
import { parseUpstoxConfig, upstoxConfig } from './upstox.config';
import { UpstoxClient } from './upstox-client';
import { UpstoxEndpointsResolver } from './upstox-endpoints';
import { SimulatorAppLookup } from './simulator-app-lookup';

/** Token of the process-wide outbound limits (override in tests with small numbers). */
const UPSTOX_OUTBOUND_LIMITS = Symbol('UPSTOX_OUTBOUND_LIMITS');

export interface UpstoxClientModuleOptions {
  /** Explicit environment instead of process.env (e.g. createApiApp(env) in tests). */
  env?: Record<string, string | undefined>;
  limits?: OutboundLimits;
  retry?: RetryOptions;
}

const limiterProvider: Provider = {
  provide: OutboundLimiter,
  useFactory: (limits?: OutboundLimits) => new OutboundLimiter(limits ?? DEFAULT_OUTBOUND_LIMITS),
  inject: [{ token: UPSTOX_OUTBOUND_LIMITS, optional: true }],
};

const BASE_PROVIDERS: Provider[] = [
  limiterProvider,
  UpstoxEndpointsResolver,
  HttpUpstoxClient,
  { provide: UpstoxClient, useExisting: HttpUpstoxClient },
  InstrumentFileLoader,
  SimulatorAppLookup,
];

const EXPORTS = [UpstoxClient, UpstoxEndpointsResolver, OutboundLimiter, InstrumentFileLoader, SimulatorAppLookup];

/**
 * Global: `UpstoxClient` (abstract class = DI token), `UpstoxEndpointsResolver`, the process-wide
 * `OutboundLimiter`, `InstrumentFileLoader` (the instrument master) and `SimulatorAppLookup` (the simulator's
 * demo app). Plain import reads the `upstox` config namespace (process.env via
 * upstox.config.ts); `forRoot({env})` takes an explicit environment instead.
 */
@Global()
@Module({
  imports: [HttpModule, ConfigModule.forFeature(upstoxConfig)],
  providers: BASE_PROVIDERS,
  exports: EXPORTS,
})
export class UpstoxClientModule {
  static forRoot(options: UpstoxClientModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [...BASE_PROVIDERS];
    const env = options.env;
    if (env) providers.push({ provide: upstoxConfig.KEY, useFactory: () => parseUpstoxConfig(env) });
    if (options.limits) providers.push({ provide: UPSTOX_OUTBOUND_LIMITS, useValue: options.limits });
    if (options.retry) providers.push({ provide: UPSTOX_RETRY_OPTIONS, useValue: options.retry });
    return {
      module: UpstoxClientModule,
      global: true,
      imports: options.env ? [HttpModule] : [HttpModule, ConfigModule.forFeature(upstoxConfig)],
      providers,
      exports: EXPORTS,
    };
  }
}
