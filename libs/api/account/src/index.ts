export * from './lib/account.module';
export { AccountReads } from './lib/account-reads.service';
export { AccountFeed } from './lib/account-feed';
export { AccountState } from './lib/account-state.service';
export type { AccountChange } from './lib/account-change';
export { changeSubject } from './lib/account-change';
export { OrderDto, OrderDetailsViewDto, OrdersViewDto, TradeDto } from './lib/dto/account.dto';
export { LivePrices } from './lib/live-prices';
export type { LivePriceLookup } from './lib/live-prices';
