import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DESK_PINO } from '../logging/desk-logger';
import { LoginTokenService } from '../security/login-token.service';
import { Public } from '../security/principal';
import { setSessionCookies } from '../security/session-cookies';
import { SessionService } from '../security/session.service';

const INVALID_LINK_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Upstox Desk - sign-in link not valid</title></head>
<body><h1>This sign-in link is not valid</h1>
<p>The token in the link does not match the one of the running server. The server makes a new token at every
start (unless DESK_LOGIN_TOKEN fixes it), so an old link stops working after a restart.</p>
<p>Open the link the server printed when it started (in its terminal), or read the token from the file
<code>login-token</code> in the data folder and open <code>http://localhost:PORT/?token=TOKEN</code>.</p>
</body></html>`;

/**
 * `GET /?token=` (Jupyter style): a valid startup token creates a session and 303s to a clean `/`, so the
 * token leaves the address bar and history; nothing is sent as Referer either.
 */
@ApiExcludeController()
@Controller()
export class SignInController {
  constructor(
    private readonly loginToken: LoginTokenService,
    private readonly sessions: SessionService,
    @Inject(DESK_PINO) private readonly logger: Logger,
  ) {}

  @Public()
  @Get()
  signIn(@Query('token') token: unknown, @Req() req: Request, @Res() res: Response): void {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const log = (req as { log?: Logger }).log ?? this.logger;
    if (!this.loginToken.matches(token)) {
      log.warn({ event: 'sign_in_failed', via: 'link' }, 'sign-in link with a wrong token');
      res.status(401).type('html').send(INVALID_LINK_PAGE);
      return;
    }
    setSessionCookies(res, this.sessions.create());
    log.info({ event: 'sign_in', via: 'link' }, 'dashboard session created');
    res.redirect(303, '/');
  }
}
