import { SessionInfo, SignInRequest } from '@desk/contracts';
import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DESK_PINO, GuardErrors } from '@desk/api/core';
import { LoginTokenService } from '../security/login-token.service';
import { CurrentPrincipal, Principal, Public } from '../security/principal';
import { clearSessionCookies, setSessionCookies } from '../security/session-cookies';
import { SESSION_COOKIE, SessionService } from '../security/session.service';

export class SignInDto implements SignInRequest {
  @ApiProperty({ description: 'The login token the server printed at start' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;
}

class SessionInfoDto implements SessionInfo {
  @ApiProperty() authenticated!: boolean;
  @ApiProperty({ enum: ['session', 'api-key'], nullable: true }) via!: 'session' | 'api-key' | null;
}

@ApiTags('session')
@Controller('api/session')
export class SessionController {
  constructor(
    private readonly loginToken: LoginTokenService,
    private readonly sessions: SessionService,
    @Inject(DESK_PINO) private readonly logger: Logger,
  ) {}

  /**
   * Whether the caller is signed in. "Not signed in" is an answer the SPA expects on its first load, not an
   * error: 200 {authenticated: false} (a 401 would log an error in the browser console). A wrong API key
   * still gets 401 API_KEY_INVALID, so a script learns its key is bad.
   */
  @Public()
  @Get()
  @ApiCookieAuth()
  @ApiOkResponse({ type: SessionInfoDto })
  current(@CurrentPrincipal() principal: Principal | undefined, @Req() req: Request): SessionInfo {
    if (principal) return { authenticated: true, via: principal.kind };
    if (req.headers.authorization !== undefined) throw GuardErrors.apiKeyInvalid();
    return { authenticated: false, via: null };
  }

  /** Sign in by posting the login token (the SPA's login form); same cookies as the login link. */
  @Public()
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionInfoDto })
  signIn(@Body() body: SignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): SessionInfo {
    const log = (req as { log?: Logger }).log ?? this.logger;
    if (!this.loginToken.matches(body.token)) {
      log.warn({ event: 'sign_in_failed', via: 'form' }, 'sign-in with a wrong token');
      throw GuardErrors.loginTokenWrong(this.loginToken.tokenFile);
    }
    setSessionCookies(res, this.sessions.create());
    log.info({ event: 'sign_in', via: 'form' }, 'dashboard session created');
    return { authenticated: true, via: 'session' };
  }

  @Delete()
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOkResponse({ type: SessionInfoDto })
  signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): SessionInfo {
    const cookies = (req as { cookies?: Record<string, string> }).cookies;
    this.sessions.revoke(cookies?.[SESSION_COOKIE]);
    clearSessionCookies(res);
    return { authenticated: false, via: null };
  }
}
