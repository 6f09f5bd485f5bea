import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Clock } from '@desk/api/core';
import { Public } from '@desk/api/access';
import type { Request, Response } from 'express';
import { NOTIFY_SCRIPT, PAGE_STYLE, renderCallbackPage } from '../pages/callback-pages';
import { OAuthFlowService } from './oauth-flow.service';
import { OAuthOutcomeStore } from './oauth-outcomes';
import { clearFlowCookie, OUTCOME_COOKIE, OUTCOME_TTL_MS, readCookie, serializeFlowCookie, TRANSACTION_COOKIE } from './transaction-cookie';

/** Our own strict policy for these pages: only our script and stylesheet, no framing, no forms, no base. */
const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Headers of every callback response. COOP is relaxed to unsafe-none on these pages only (overriding the
 * core's helmet default), so the popup keeps its `window.opener` and can notify the dashboard and close.
 */
function callbackHeaders(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/** The redirect URI (public: Upstox's redirect arrives without our session cookie, which is SameSite=Strict). */
@ApiExcludeController()
@Public()
@Controller('callback')
export class CallbackController {
  constructor(
    private readonly flow: OAuthFlowService,
    private readonly outcomes: OAuthOutcomeStore,
    private readonly clock: Clock,
  ) {}

  /** Completes the flow, then 303s to a clean URL: the code never stays in the address bar, history or Referer. */
  @Get()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const binding = readCookie(req.headers.cookie, TRANSACTION_COOKIE);
    const result = await this.flow.complete(req.query as Record<string, unknown>, binding);
    const outcomeId = this.outcomes.put(result.page, this.clock.now().getTime());
    callbackHeaders(res);
    if (result.consumed) res.append('Set-Cookie', clearFlowCookie(TRANSACTION_COOKIE, req.secure));
    res.append('Set-Cookie', serializeFlowCookie(OUTCOME_COOKIE, outcomeId, { maxAgeMs: OUTCOME_TTL_MS, secure: req.secure }));
    res.status(303).setHeader('Location', '/callback/done');
    res.end();
  }

  @Get('done')
  done(@Req() req: Request, @Res() res: Response): void {
    const page = this.outcomes.get(readCookie(req.headers.cookie, OUTCOME_COOKIE), this.clock.now().getTime()) ?? {
      kind: 'failed' as const,
      cause: 'No Upstox sign-in result is waiting for this browser: it was already shown, it expired, or the server restarted.',
      nextStep: 'Check the connection status on the dashboard; if it is not connected, start again from the dashboard with the Connect button.',
    };
    callbackHeaders(res);
    res.status(200).type('text/html; charset=utf-8').send(renderCallbackPage(page));
  }

  @Get('notify.js')
  script(@Res() res: Response): void {
    callbackHeaders(res);
    res.status(200).type('application/javascript; charset=utf-8').send(NOTIFY_SCRIPT);
  }

  @Get('page.css')
  style(@Res() res: Response): void {
    callbackHeaders(res);
    res.status(200).type('text/css; charset=utf-8').send(PAGE_STYLE);
  }
}
