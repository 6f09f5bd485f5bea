import { expect, type BrowserContext, type Page } from '@playwright/test';

export interface ConsoleProblem {
  kind: 'console.error' | 'pageerror';
  /** The page the error happened on (its URL at that moment). */
  url: string;
  /** Where the message came from (for a failed load: the resource's URL). */
  source?: string;
  text: string;
}

interface Allowance {
  pattern: RegExp;
  why: string;
  used: number;
  /** False for what the browser may or may not do, by timing (see allowIfSeen). */
  required: boolean;
}

/**
 * Every console error and uncaught exception of every page a test opens on the desk's own origins (the
 * dashboard, its /callback popup, the simulator's sign-in popup). Chromium logs each HTTP error a page receives
 * ("Failed to load resource: ... status of 401") as a console error, so a clean console also means the SPA
 * got no HTTP error it did not ask for. Pages of other origins (the attacker site of the security tests) are
 * not ours and not watched. A test that provokes an error on purpose names it with `allow(pattern, why)`;
 * an allowance that never matched fails the test too, so none outlives its reason.
 */
export class ConsoleGuard {
  readonly problems: ConsoleProblem[] = [];
  private readonly allowances: Allowance[] = [];
  private readonly watched = new WeakSet<Page>();

  constructor(private readonly origins: string[]) {}

  watch(context: BrowserContext): void {
    for (const page of context.pages()) this.watchPage(page);
    context.on('page', (page) => this.watchPage(page));
  }

  /** An error the test causes on purpose (e.g. an Upstox refusal the UI must show), with the reason. */
  allow(pattern: RegExp, why: string): void {
    this.allowances.push({ pattern, why, used: 0, required: true });
  }

  /**
   * An error the browser itself may or may not cause, by timing alone: e.g. the favicon request of a popup the test
   * closes, which Chromium sends only if the popup stays open long enough. Not required to happen.
   */
  allowIfSeen(pattern: RegExp, why: string): void {
    this.allowances.push({ pattern, why, used: 0, required: false });
  }

  /** The problems no allowance explains. */
  unexpected(): ConsoleProblem[] {
    return this.problems.filter((problem) => {
      const allowance = this.allowances.find((a) => a.pattern.test(problem.text));
      if (allowance) allowance.used += 1;
      return !allowance;
    });
  }

  /** Fails the test on any unexplained console error or page error, and on an allowance that was never needed. */
  assertClean(): void {
    expect(this.unexpected(), 'console errors and page errors on the desk\'s pages').toEqual([]);
    expect(this.allowances.filter((a) => a.required && a.used === 0).map((a) => a.why), 'allowed errors that never happened').toEqual([]);
  }

  private watchPage(page: Page): void {
    if (this.watched.has(page)) return;
    this.watched.add(page);
    page.on('console', (message) => {
      if (message.type() === 'error' && this.isOurs(page)) {
        this.problems.push({ kind: 'console.error', url: page.url(), source: message.location().url, text: message.text() });
      }
    });
    page.on('pageerror', (error) => {
      if (this.isOurs(page)) this.problems.push({ kind: 'pageerror', url: page.url(), text: `${error.name}: ${error.message}` });
    });
  }

  /** Judged by the page, not by the resource: the attacker page's refused requests to the api are not ours. */
  private isOurs(page: Page): boolean {
    const url = page.url();
    return url === 'about:blank' || this.origins.some((origin) => url === origin || url.startsWith(`${origin}/`));
  }
}
