import { Inject, Injectable } from '@nestjs/common';
import { UpstoxEnvironment } from '@desk/contracts';
import { upstoxConfig, UpstoxConfig } from './upstox.config';
import { UpstoxEndpoints } from './upstox-client';

/** live -> Upstox's two hosts; sandbox -> both paths on the sandbox host; simulator -> the built-in simulator. */
@Injectable()
export class UpstoxEndpointsResolver {
  constructor(@Inject(upstoxConfig.KEY) private readonly config: UpstoxConfig) {}

  resolve(environment: UpstoxEnvironment): UpstoxEndpoints {
    switch (environment) {
      case 'live':
        return { environment, apiUrl: this.config.apiUrl, orderUrl: this.config.orderUrl };
      case 'sandbox':
        return { environment, apiUrl: this.config.sandboxUrl, orderUrl: this.config.sandboxUrl };
      case 'simulator':
        return { environment, apiUrl: this.config.simUrl, orderUrl: this.config.simUrl };
      default:
        throw new Error(`Unknown Upstox environment: ${String(environment)}`);
    }
  }
}
