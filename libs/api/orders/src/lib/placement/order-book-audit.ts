import { Injectable, Logger } from '@nestjs/common';
import { Clock, describeError } from '@desk/api/core';
import { AccountReads } from '@desk/api/account';
import { ConnectionService } from '@desk/api/connection';
import { isOwnBrokerTag } from '../journal/broker-tag';
import { OrderIntentsRepository } from '../journal/order-intents.repository';
import { placedResponse } from './placement-support';

/**
 * The periodic diff of the day's order book against the journal (SECURITY.md reference §6.2.4):
 * an order carrying one of our tags whose intent was concluded NOT_PLACED became visible late, so the
 * journal records the truth (SUBMITTED) and the log says so loudly; an order with our tag prefix and no
 * journal row at all is an orphan (another copy of this app on the same account, or a lost journal) and
 * is logged as an error. Nothing is ever placed or cancelled from here.
 */
@Injectable()
export class OrderBookAudit {
  private readonly logger = new Logger(OrderBookAudit.name);
  private readonly reportedOrphans = new Set<string>();

  constructor(
    private readonly journal: OrderIntentsRepository,
    private readonly connection: ConnectionService,
    private readonly account: AccountReads,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<{ late: number; orphans: number }> {
    if (this.connection.status().state !== 'connected') return { late: 0, orphans: 0 };
    let book;
    try {
      // The live mirror while the stream is live (no Upstox call), else one shared, throttled order-book read.
      book = (await this.account.orders()).orders;
    } catch (err) {
      this.logger.warn(`order book audit skipped: ${describeError(err)}`);
      return { late: 0, orphans: 0 };
    }
    const idsByTag = new Map<string, string[]>();
    for (const o of book) {
      if (o.tag && isOwnBrokerTag(o.tag)) idsByTag.set(o.tag, [...(idsByTag.get(o.tag) ?? []), o.orderId]);
    }
    let late = 0;
    let orphans = 0;
    for (const [tag, ids] of idsByTag) {
      const intent = this.journal.findByBrokerTag(tag);
      if (!intent) {
        orphans++;
        if (!this.reportedOrphans.has(tag)) {
          this.reportedOrphans.add(tag);
          this.logger.error(`orphan order(s) ${ids.join(',')} carry our tag ${tag} but have no journal entry; check them in the order book`);
        }
        continue;
      }
      if (intent.status !== 'NOT_PLACED') continue;
      const orderIds = [...ids].sort();
      const moved = this.journal.transition(intent.id, 'SUBMITTED', { orderIds }, this.clock.now());
      if (moved) {
        // A retry with the same Idempotency-Key must now learn that the order exists.
        this.journal.replaceResponse(intent.id, placedResponse(intent.id, orderIds, null), this.clock.now());
        late++;
        this.logger.error(
          `intent ${intent.id} was concluded NOT_PLACED but Upstox now shows order(s) ${orderIds.join(',')} with its tag ${tag}: recorded as SUBMITTED`,
        );
      }
    }
    return { late, orphans };
  }
}
