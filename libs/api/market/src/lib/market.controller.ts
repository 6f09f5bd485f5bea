import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CandlesView, INSTRUMENT_KEY_PATTERN, MarketHoursView, MarketInterestView, MarketStatusView, QuotesEvent } from '@desk/contracts';
import { validationFailed } from '@desk/api/core';
import { CurrentPrincipal, Principal, RequireScope } from '@desk/api/access';
import { CandlesService, readCandlesQuery } from './candles/candles.service';
import { CandlesViewDto, MarketInterestRenewDto, MarketInterestRequestDto, MarketInterestViewDto, MarketStatusViewDto, QuotesViewDto } from './dto/market.dto';
import { MarketInterestService, readInterestBody } from './interest/market-interest.service';
import { MarketHoursViewDto } from './hours/market-hours.dto';
import { MarketHoursService } from './hours/market-hours.service';
import { MarketState } from './market-state.service';

/** Instruments per quotes read. */
const MAX_QUOTE_KEYS = 500;

function readKeys(value: unknown): string[] {
  const keys = typeof value === 'string' ? [...new Set(value.split(',').map((k) => k.trim()).filter((k) => k !== ''))] : [];
  if (keys.length === 0 || keys.length > MAX_QUOTE_KEYS || keys.some((k) => !INSTRUMENT_KEY_PATTERN.test(k))) {
    throw validationFailed([{ field: 'instrumentKeys', message: `Give 1 to ${MAX_QUOTE_KEYS} instrument keys separated by commas, e.g. NSE_EQ|INE002A01018.` }]);
  }
  return keys;
}

/**
 * Live prices (Upstox's market data feed, one per connection, subscribed by need), market status, interest
 * leases and today's candles. Reads need the `read` scope; leases are a read too (they change only what is streamed).
 */
@ApiTags('market')
@Controller('api/market')
export class MarketController {
  constructor(
    private readonly state: MarketState,
    private readonly interest: MarketInterestService,
    private readonly candlesService: CandlesService,
    private readonly hoursService: MarketHoursService,
  ) {}

  @Get('status')
  @RequireScope('read')
  @ApiOperation({
    summary: "Each segment's market phase (from the feed's market_info) and the market data feed's state.",
    description: 'Changes also go out as `market` events on GET /api/events. PRE_OPEN_START and PRE_OPEN_END are `pre-open`.',
  })
  @ApiOkResponse({ type: MarketStatusViewDto })
  status(): MarketStatusView {
    return this.state.statusView();
  }

  @Get('hours')
  @RequireScope('read')
  @ApiOperation({
    summary: 'Whether the exchange is open now, when it closes, or when it opens next (weekends and holidays skipped).',
    description:
      "From Upstox's market timings and holidays (read at connect and once a day) and the live phase: the feed's market_info, " +
      "else Upstox's market status (read at most once a minute). While closed, regular orders are refused or queued by Upstox: send an AMO.",
  })
  @ApiQuery({ name: 'exchange', required: false, enum: ['NSE', 'BSE'], description: 'Default NSE.' })
  @ApiOkResponse({ type: MarketHoursViewDto })
  hours(@Query('exchange') exchange: unknown): Promise<MarketHoursView> {
    const name = exchange === undefined || exchange === '' ? 'NSE' : exchange;
    if (name !== 'NSE' && name !== 'BSE') throw validationFailed([{ field: 'exchange', message: 'Exchange must be NSE or BSE.' }]);
    return this.hoursService.hours(name);
  }

  @Get('quotes')
  @RequireScope('read')
  @ApiOperation({
    summary: 'The current quotes of these instruments (those the feed streams now).',
    description:
      'An instrument is streamed while it is in an open position, a working order or a holding, or leased through ' +
      'POST /api/market/interest; others are left out of the answer. New prices go out as `quote` events (coalesced, no id, ' +
      'never replayed): read this after an event-stream reconnect.',
  })
  @ApiQuery({ name: 'instrumentKeys', required: true, description: 'Comma-separated, at most 500.', example: 'NSE_EQ|INE002A01018,NSE_EQ|INE062A01020' })
  @ApiOkResponse({ type: QuotesViewDto })
  quotes(@Query('instrumentKeys') instrumentKeys: unknown): QuotesEvent {
    return { quotes: this.state.quotes(readKeys(instrumentKeys)) };
  }

  @Post('interest')
  @RequireScope('read')
  @ApiOperation({
    summary: 'Keep instruments streamed for about a minute (an open order dialog or chart); renew before it ends.',
    description: 'At most 20 instruments per lease. Each caller (dashboard session or API key) sees only its own leases.',
  })
  @ApiBody({ type: MarketInterestRequestDto })
  @ApiCreatedResponse({ type: MarketInterestViewDto })
  createInterest(@Body() body: unknown, @CurrentPrincipal() principal: Principal): MarketInterestView {
    return this.interest.create(principal, readInterestBody(body, true) as string[]);
  }

  @Put('interest/:id')
  @RequireScope('read')
  @ApiOperation({ summary: 'Renew a lease (optionally with new instruments). 404 when it expired: take a new one.' })
  @ApiBody({ type: MarketInterestRenewDto, required: false })
  @ApiOkResponse({ type: MarketInterestViewDto })
  renewInterest(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): MarketInterestView {
    return this.interest.renew(principal, id, readInterestBody(body, false));
  }

  @Delete('interest/:id')
  @RequireScope('read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Drop a lease: its instruments stop streaming unless something else needs them.' })
  @ApiNoContentResponse({ description: 'Dropped.' })
  dropInterest(@Param('id') id: string, @CurrentPrincipal() principal: Principal): void {
    this.interest.drop(principal, id);
  }

  @Get('candles')
  @RequireScope('read')
  @ApiOperation({
    summary: "Today's candles of an instrument from Upstox (oldest first, time in epoch seconds); the last one follows the live price.",
  })
  @ApiQuery({ name: 'instrumentKey', required: true, example: 'NSE_EQ|INE002A01018' })
  @ApiQuery({ name: 'interval', required: true, enum: ['1minute', '5minute'] })
  @ApiOkResponse({ type: CandlesViewDto })
  candles(@Query('instrumentKey') instrumentKey: unknown, @Query('interval') interval: unknown): Promise<CandlesView> {
    const q = readCandlesQuery(instrumentKey, interval);
    return this.candlesService.candles(q.instrumentKey, q.interval);
  }
}
