import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, DeskRequest, Principal, RequireScope } from '@desk/api/access';
import { EventHub } from './event-hub.service';

const DESCRIPTION = [
  'Server-Sent Events (`text/event-stream`) for the dashboard (session) and for scripts (API key with `read`).',
  'Events: `order` (an Order), `trade` (a Trade), `position` (a Position), `holding` (a Holding), `funds` (FundsView),',
  '`connection` (ConnectionStatus, including the live stream state), `market` (MarketStatusView: each segment\'s phase and',
  'the market data feed\'s state), `quote` ({quotes: Quote[]}: the newest prices, coalesced, at most one event every',
  'MARKET_QUOTE_COALESCE_MS), `kill-switch` (KillSwitchState: the desk\'s own kill switch turned on or off, in any',
  'dashboard tab; a bot can stop sending orders) and `resync`. Every stream opens with a `connection`',
  'event giving the state at that moment. Every event except `quote` has an `id:`; quotes are never replayed (after a',
  'reconnect read `GET /api/market/quotes`). Reconnect',
  'with the `Last-Event-ID` header (browsers do it by themselves; or `?lastEventId=`) to get what you missed from the',
  'last EVENTS_BUFFER_SIZE events. A `resync` event means they are no longer kept: read the REST endpoints again.',
  'Comment lines (`: keep-alive`) are heartbeats. A client too slow to read its stream is disconnected.',
  'Example: `curl -N -H "Authorization: Bearer $KEY" http://localhost:5000/api/events`.',
].join(' ');

@ApiTags('events')
@Controller('api/events')
export class EventsController {
  constructor(private readonly hub: EventHub) {}

  @Get()
  @RequireScope('read')
  @ApiOperation({ summary: 'Live account and connection changes (Server-Sent Events).', description: DESCRIPTION })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event you received.' })
  @ApiQuery({ name: 'lastEventId', required: false, description: 'Same as the Last-Event-ID header, for clients that cannot set it.' })
  @ApiOkResponse({ description: 'An event stream that stays open.' })
  stream(
    @Req() req: DeskRequest,
    @Res() res: Response,
    @CurrentPrincipal() principal: Principal,
    @Headers('last-event-id') header: string | undefined,
    @Query('lastEventId') query: string | undefined,
  ): void {
    this.hub.attach(req, res, principal, header ?? (typeof query === 'string' ? query : undefined));
  }
}
