import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DeskError, ERROR_TITLES, StaticIpView, UpstoxKillSwitchChange, UpstoxKillSwitchSegmentState } from '@desk/contracts';
import { RequireScope, SessionOnly } from '@desk/api/access';
import { ConnectionService } from '@desk/api/connection';
import { UpstoxClient } from '@desk/upstox/client';
import { StaticIpService } from './static-ip.service';
import { StaticIpViewDto, UpstoxKillSwitchChangeDto, UpstoxKillSwitchSegmentDto } from './user-controls.dto';

const SEGMENTS = ['NSE_EQ', 'BSE_EQ', 'NSE_FO', 'BSE_FO', 'NCD_FO', 'BCD_FO', 'MCX_FO', 'NSE_COM'];

function invalidChange(): DeskError {
  return new DeskError({
    code: 'VALIDATION_FAILED', title: ERROR_TITLES.invalidInput, httpStatus: 400,
    message: `Send {"segment": one of ${SEGMENTS.join(', ')}, "action": "ENABLE" or "DISABLE"}.`,
    nextStep: 'Correct the request and send it again.',
    details: [{ field: 'segment', message: 'A kill-switch segment and an action are required.' }],
  });
}

/** Account-level controls Upstox keeps for the user: the registered static IPs and Upstox's own kill switch. */
@ApiTags('profile')
@Controller('api/profile')
export class UserControlsController {
  constructor(
    private readonly staticIps: StaticIpService,
    private readonly connection: ConnectionService,
    private readonly client: UpstoxClient,
  ) {}

  @Get('static-ip')
  @RequireScope('read')
  @ApiOperation({
    summary: 'The static IPs registered at Upstox (GET /v2/user/ip): read at connect and kept with the connection; refresh=true reads again.',
    description: 'Since 1 April 2026 Upstox accepts order writes only from these addresses. `missing: true` means orders will be refused.',
  })
  @ApiQuery({ name: 'refresh', required: false, type: Boolean })
  @ApiOkResponse({ type: StaticIpViewDto })
  staticIp(@Query('refresh') refresh?: string): Promise<StaticIpView> {
    return this.staticIps.view(refresh === 'true' || refresh === '1');
  }

  @Get('kill-switch')
  @RequireScope('read')
  @ApiOperation({ summary: "Upstox's own kill switch per segment (GET /v2/user/kill-switch); separate from the desk's local kill switch." })
  @ApiOkResponse({ type: [UpstoxKillSwitchSegmentDto] })
  killSwitch(): Promise<UpstoxKillSwitchSegmentState[]> {
    return this.connection.withUpstox((a) => this.client.getKillSwitch(a));
  }

  @Post('kill-switch')
  @HttpCode(200)
  @SessionOnly()
  @ApiOperation({
    summary: "Turn Upstox's kill switch of one segment on (DISABLE) or off (ENABLE). Dashboard session only.",
    description: 'DISABLE: Upstox cancels the segment\u2019s pending orders and refuses new ones; it can be enabled again only after 12 hours.',
  })
  @ApiBody({ type: UpstoxKillSwitchChangeDto })
  @ApiOkResponse({ type: [UpstoxKillSwitchSegmentDto] })
  setKillSwitch(@Body() body: unknown): Promise<UpstoxKillSwitchSegmentState[]> {
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const extra = Object.keys(b).filter((k) => k !== 'segment' && k !== 'action');
    if (!SEGMENTS.includes(String(b['segment'])) || (b['action'] !== 'ENABLE' && b['action'] !== 'DISABLE') || extra.length > 0) throw invalidChange();
    const change = { segment: b['segment'], action: b['action'] } as UpstoxKillSwitchChange;
    return this.connection.withUpstox((a) => this.client.setKillSwitch(a, [change]));
  }
}
