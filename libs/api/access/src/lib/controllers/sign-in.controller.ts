import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DESK_PINO } from '@desk/api/core';
import { LoginTokenService, SIGN_IN_LINK_PARAM } from '../security/login-token.service';
import { Public } from '../security/principal';
import { setSessionCookies } from '../security/session-cookies';
import { SessionService } from '../security/session.service';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Upstox Desk - ${title}</title></head>
<body><h1>${title}</h1>
${body}
</body></html>`;
}

/** Speculative loads announce themselves (Sec-Purpose: prefetch in Chromium, Purpose: prefetch elsewhere). */
function isPrefetch(req: Request): boolean {
  return /prefetch|prerender/i.test(`${req.headers['sec-purpose'] ?? ''} ${req.headers['purpose'] ?? ''} ${req.headers['x-moz'] ?? ''}`);
}

/** The exact sentence the user gets for a second use of the link (spec'd in issue 8). */
export function alreadyUsedSentence(tokenFile: string): string {
  return `this link was already used; run <code>npm start</code> again or use the token in <code>${escapeHtml(tokenFile)}</code>`;
}

const USED_LINK_PAGE = (tokenFile: string) =>
  page(
    'Sign-in link already used',
    `<p id="already-used">${alreadyUsedSentence(tokenFile)}</p>
<p>Each sign-in link works once, so one left in your history, a log or a screenshot cannot sign anyone in.
Type the token into the sign-in form at <a href="/">the dashboard</a>.</p>`,
  );

const INVALID_LINK_PAGE = (tokenFile: string) =>
  page(
    'This sign-in link is not valid',
    `<p>The server prints a new sign-in link at every start, and each link works once; a link from an earlier
start stops working after a restart.</p>
<p>Open the link the server printed when it last started (in its terminal), or type the login token from
<code>${escapeHtml(tokenFile)}</code> into the sign-in form at <a href="/">the dashboard</a>.</p>`,
  );

const TOKEN_IN_LINK_PAGE = (tokenFile: string) =>
  page(
    'The login token is not accepted in a link',
    `<p>Addresses end up in history, logs and screenshots, so the lasting login token only goes into the sign-in
form: type the token from <code>${escapeHtml(tokenFile)}</code> there (<a href="/">the dashboard</a>), or open the
one-time link <code>npm start</code> printed.</p>`,
  );

/**
 * `GET /?link=NONCE`: the one-time link printed at start. The first use creates a session and 303s to a clean
 * `/`, so the nonce leaves the address bar and history (and, spent, is worth nothing there); nothing is sent
 * as Referer either. A second use, a wrong nonce, or the lasting token in the URL get a page saying what to
 * do instead; none of them signs in.
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
  signIn(@Query(SIGN_IN_LINK_PARAM) link: unknown, @Query('token') token: unknown, @Req() req: Request, @Res() res: Response): void {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    const log = (req as { log?: Logger }).log ?? this.logger;
    const file = this.loginToken.tokenFile;
    if (link !== undefined && (req.method === 'HEAD' || isPrefetch(req))) {
      // Express routes HEAD to GET handlers, and browsers prefetch likely next pages: neither is the user
      // opening the link, so neither may spend it (a prefetch only uses a 2xx answer).
      res.status(503).type('text').send('Open the sign-in link in the browser to sign in.');
      return;
    }
    if (link === undefined && token !== undefined) {
      // Not even compared: the lasting token is never accepted from a URL.
      log.warn({ event: 'sign_in_failed', via: 'link', reason: 'token_in_url' }, 'login token in a URL refused');
      res.status(401).type('html').send(TOKEN_IN_LINK_PAGE(file));
      return;
    }
    const outcome = this.loginToken.spendLink(link);
    if (outcome === 'already-used') {
      log.warn({ event: 'sign_in_failed', via: 'link', reason: 'link_already_used' }, 'sign-in link used again');
      res.status(410).type('html').send(USED_LINK_PAGE(file));
      return;
    }
    if (outcome === 'unknown') {
      log.warn({ event: 'sign_in_failed', via: 'link', reason: 'link_unknown' }, 'sign-in link with a wrong nonce');
      res.status(401).type('html').send(INVALID_LINK_PAGE(file));
      return;
    }
    setSessionCookies(res, this.sessions.create());
    log.info({ event: 'sign_in', via: 'link' }, 'dashboard session created');
    res.redirect(303, '/');
  }
}
