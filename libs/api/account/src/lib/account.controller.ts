import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { DeskError, FundsReply, HoldingsView, nextIstTime, PositionsView, TradesView } from '@desk/contracts';
import { Clock, validationFailed } from '@desk/api/core';
import { RequireScope } from '@desk/api/access';
import { AccountReads } from './account-reads.service';
import { FundsViewDto, HoldingsViewDto, PositionsViewDto, TradesViewDto } from './dto/account.dto';
import { FundsUnavailableViewDto } from './dto/funds-unavailable.dto';

/** Upstox order ids are documented as `^[-a-zA-Z0-9]+` (the orders routes check the same). */
const ORDER_ID = /^[A-Za-z0-9-]{1,64}$/;

export const FUNDS_MAINTENANCE_MESSAGE = 'Funds unavailable 00:00-05:30 IST (Upstox maintenance).';

const FRESHNESS =
  'Served from the live account mirror while the Upstox stream is live (`source: stream`); otherwise from one ' +
  'shared Upstox read, at most one per second however many clients ask (`source: snapshot`). `asOf` is the instant described.';

/** The account's trades, positions, holdings and funds (the order book is under /api/orders). */
@ApiTags('account')
@Controller('api')
export class AccountController {
  constructor(
    private readonly reads: AccountReads,
    private readonly clock: Clock,
  ) {}

  @Get('trades')
  @RequireScope('read')
  @ApiOperation({ summary: "The day's trades (fills), newest first.", description: FRESHNESS })
  @ApiQuery({ name: 'orderId', required: false, description: "Only this order's fills (e.g. the partial fills of one order)." })
  @ApiOkResponse({ type: TradesViewDto })
  trades(@Query('orderId') orderId?: string): Promise<TradesView> {
    if (orderId !== undefined && (typeof orderId !== 'string' || !ORDER_ID.test(orderId))) {
      throw validationFailed([{ field: 'orderId', message: "An order id has only letters, digits and '-'." }]);
    }
    return this.reads.trades(orderId);
  }

  @Get('positions')
  @RequireScope('read')
  @ApiOperation({ summary: "The day's positions with P&L (realised, unrealised) and totals.", description: FRESHNESS })
  @ApiOkResponse({ type: PositionsViewDto })
  positions(): Promise<PositionsView> {
    return this.reads.positions();
  }

  @Get('holdings')
  @RequireScope('read')
  @ApiOperation({ summary: 'Long-term holdings with value, P&L, day change and totals.', description: FRESHNESS })
  @ApiOkResponse({ type: HoldingsViewDto })
  holdings(): Promise<HoldingsView> {
    return this.reads.holdings();
  }

  @Get('funds')
  @RequireScope('read')
  @ApiOperation({
    summary: 'Funds and margin (equity; commodity when Upstox reports it separately).',
    description: `${FRESHNESS} Between 00:00 and 05:30 IST Upstox's funds service is in maintenance: the answer is then \`{unavailable, asOf}\`, not an error.`,
  })
  @ApiExtraModels(FundsViewDto, FundsUnavailableViewDto)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(FundsViewDto) }, { $ref: getSchemaPath(FundsUnavailableViewDto) }] } })
  async funds(): Promise<FundsReply> {
    try {
      return await this.reads.funds();
    } catch (error) {
      // Upstox answers 423 (UDAPI100072) during its daily funds maintenance: a state of the day, not a failure.
      if (!(error instanceof DeskError) || error.code !== 'SERVICE_WINDOW_CLOSED') throw error;
      const now = this.clock.now();
      return {
        unavailable: { reason: 'upstox-maintenance', message: FUNDS_MAINTENANCE_MESSAGE, availableFrom: nextIstTime(now, 5, 30).toISOString() },
        asOf: now.toISOString(),
      };
    }
  }
}
