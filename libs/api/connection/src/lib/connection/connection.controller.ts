import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SessionOnly } from '@desk/api/access';
import { ConnectionStatus, SimulatorAppCredentials, StartOAuthResponse } from '@desk/contracts';
import type { Request, Response } from 'express';
import {
  ConnectionStatusDto,
  ConnectWithTokenDto,
  SimulatorAppCredentialsDto,
  StartOAuthDto,
  StartOAuthResponseDto,
} from '../dto/connection.dto';
import { OAuthFlowService } from '../oauth/oauth-flow.service';
import { serializeFlowCookie, TRANSACTION_COOKIE } from '../oauth/transaction-cookie';
import { ConnectionSetup } from './connection-setup.service';
import { ConnectionService } from './connection.service';
import { assertSimulatorDemoApp } from './simulator-demo-app';

/**
 * The Upstox connection of the dashboard (one at a time). Changes need the browser session, not an API key.
 * In the simulator environment both options first check that the app is the simulator's demo app.
 */
@ApiTags('connection')
@Controller('api/connection')
export class ConnectionController {
  constructor(
    private readonly connection: ConnectionService,
    private readonly setup: ConnectionSetup,
    private readonly oauth: OAuthFlowService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Connection state, environment, user and expiry. Never a secret or token.' })
  @ApiOkResponse({ type: ConnectionStatusDto })
  status(): ConnectionStatus {
    return this.connection.status();
  }

  @Post('oauth')
  @HttpCode(200)
  @SessionOnly()
  @ApiOperation({ summary: 'Option A: start the Upstox OAuth flow; open the returned URL in a popup.' })
  @ApiOkResponse({ type: StartOAuthResponseDto })
  async startOAuth(@Body() body: StartOAuthDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<StartOAuthResponse> {
    await assertSimulatorDemoApp(body, () => this.setup.simulatorApp());
    const flow = this.oauth.start(body);
    res.append('Set-Cookie', serializeFlowCookie(TRANSACTION_COOKIE, flow.browserBinding, { maxAgeMs: flow.ttlMs, secure: req.secure }));
    res.setHeader('Cache-Control', 'no-store');
    return { authorizationUrl: flow.authorizationUrl };
  }

  @Post('token')
  @HttpCode(200)
  @SessionOnly()
  @ApiOperation({ summary: 'Option B: connect with an existing access token (checked with a profile call).' })
  @ApiOkResponse({ type: ConnectionStatusDto })
  async connectWithToken(@Body() body: ConnectWithTokenDto): Promise<ConnectionStatus> {
    await assertSimulatorDemoApp(body, () => this.setup.simulatorApp());
    return this.setup.connectWithToken(body);
  }

  @Delete()
  @SessionOnly()
  @ApiOperation({ summary: 'Log out at Upstox (best effort) and forget the token and secret.' })
  @ApiOkResponse({ type: ConnectionStatusDto })
  disconnect(): Promise<ConnectionStatus> {
    return this.setup.disconnect();
  }

  @Get('simulator-app')
  @ApiOperation({ summary: "The running simulator's demo app credentials (simulator values only)." })
  @ApiOkResponse({ type: SimulatorAppCredentialsDto })
  simulatorApp(): Promise<SimulatorAppCredentials> {
    return this.setup.simulatorApp();
  }
}
