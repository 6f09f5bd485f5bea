import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FundsView, HoldingsView, PositionsView, TradesView } from '@desk/contracts';
import { RequireScope } from '@desk/api/access';
import { AccountReads } from './account-reads.service';
import { FundsViewDto, HoldingsViewDto, PositionsViewDto, TradesViewDto } from './dto/account.dto';

const FRESHNESS =
  'Served from the live account mirror while the Upstox stream is live (`source: stream`); otherwise from one ' +
  'shared Upstox read, at most one per second however many clients ask (`source: snapshot`). `asOf` is the instant described.';

/** The account's trades, positions, holdings and funds (the order book is under /api/orders). */
@ApiTags('account')
@Controller('api')
export class AccountController {
  constructor(private readonly reads: AccountReads) {}

  @Get('trades')
  @RequireScope('read')
  @ApiOperation({ summary: "The day's trades (fills), newest first.", description: FRESHNESS })
  @ApiOkResponse({ type: TradesViewDto })
  trades(): Promise<TradesView> {
    return this.reads.trades();
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
  @ApiOperation({ summary: 'Funds and margin (equity; commodity when Upstox reports it separately).', description: FRESHNESS })
  @ApiOkResponse({ type: FundsViewDto })
  funds(): Promise<FundsView> {
    return this.reads.funds();
  }
}
