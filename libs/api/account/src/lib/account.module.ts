import { Module } from '@nestjs/common';
import { DESK_ENV } from '@desk/api/core';
import { ConnectionModule } from '@desk/api/connection';
import { ACCOUNT_CONFIG, parseAccountConfig } from './account.config';
import { AccountController } from './account.controller';
import { AccountFeed } from './account-feed';
import { AccountReads } from './account-reads.service';
import { LivePrices } from './live-prices';
import { AccountState } from './account-state.service';

/**
 * The live account mirror: orders (with history), trades, positions, holdings and funds of the connected
 * account, kept current by the portfolio stream plus snapshots; every account read is answered from it.
 */
@Module({
  imports: [ConnectionModule],
  controllers: [AccountController],
  providers: [{ provide: ACCOUNT_CONFIG, useFactory: parseAccountConfig, inject: [DESK_ENV] }, AccountFeed, AccountState, AccountReads, LivePrices],
  exports: [AccountReads, AccountFeed, AccountState, LivePrices],
})
export class AccountModule {}
