import { DOCUMENT } from '@angular/common';
import { Injectable, Type, computed, inject, signal } from '@angular/core';
import { clearLoadFailure, PAGE_LOAD_FAILURE_TEXT, showLoadFailure } from '@desk/web/ui';
import { SessionStore } from '../session/session-store';

/** The desk's two addresses. `/callback` and `/?link=` never reach the SPA: the api answers them itself. */
export type DeskPath = '/' | '/sign-in';

interface DeskPage {
  title: string;
  /** Without a dashboard session the page is not shown; the sign-in page is, at its own address. */
  needsSession: boolean;
  /** Pages load lazily so the first paint (and the sign-in page) stays small. */
  load: () => Promise<Type<unknown>>;
}

const PAGES: Record<DeskPath, DeskPage> = {
  '/': {
    title: 'Upstox Desk',
    needsSession: true,
    load: () => import('../dashboard/dashboard-page').then((m) => m.DashboardPage),
  },
  '/sign-in': {
    title: 'Sign in · Upstox Desk',
    needsSession: false,
    load: () => import('../sign-in/sign-in-page').then((m) => m.SignInPage),
  },
};

/** A click in the desk (a new history entry), the address the tab was opened at, or Back/Forward. */
type Source = 'desk' | 'address' | 'history';

interface Target {
  path: DeskPath;
  /** What the address bar shows once the page is on screen. */
  url: string;
}

/**
 * Which page an address shows. Like the Angular router this replaces (same behaviour, ~19 kB less to download):
 * one trailing slash does not count (`/sign-in/` is the sign-in page), and any other path shows the dashboard's
 * address `/`, keeping the query and fragment.
 */
export function targetOf(url: string): Target {
  const parsed = new URL(url, 'http://desk.invalid');
  const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/$/, '') : parsed.pathname;
  const rest = parsed.search + parsed.hash;
  return path === '/sign-in' ? { path: '/sign-in', url: `/sign-in${rest}` } : { path: '/', url: `/${rest}` };
}

/**
 * The page on screen, kept in step with the address bar: deep links, reloads and Back/Forward show the page of
 * the address; the dashboard first asks the api for a session (as a route guard would) and shows the sign-in
 * page instead when there is none. A newer navigation wins over one still waiting for the api or a chunk.
 * Addresses are absolute paths (no `<base>` element: the api's CSP has `base-uri 'none'`).
 */
@Injectable({ providedIn: 'root' })
export class DeskNavigation {
  private readonly document = inject(DOCUMENT);
  private readonly session = inject(SessionStore);

  private readonly shown = signal<{ path: DeskPath; component: Type<unknown> } | null>(null);
  /** The page component on screen; null until the first page has loaded. */
  readonly component = computed(() => this.shown()?.component ?? null);
  /** The address of the page on screen. */
  readonly path = computed(() => this.shown()?.path ?? null);

  private latest = 0;

  /** Shows the page of the current address and follows Back/Forward from then on. Returns the stop. */
  start(): () => void {
    const window = this.document.defaultView as Window;
    const onHistory = () => void this.show(this.address(), 'history');
    window.addEventListener('popstate', onHistory);
    void this.show(this.address(), 'address');
    return () => window.removeEventListener('popstate', onHistory);
  }

  /**
   * Opens a page as a new history entry (after signing in, signing out, or when the session ended). Resolves to
   * false when a newer navigation took over. Going to the address already shown does nothing.
   */
  go(path: DeskPath): Promise<boolean> {
    if (path === this.address()) return Promise.resolve(true);
    return this.show(path, 'desk');
  }

  /** The query of the address bar (`?token=`, `?link=` if one reaches the SPA). */
  query(): URLSearchParams {
    return new URLSearchParams(this.document.location.search);
  }

  /** Drops the query and fragment from the address bar and this history entry (no new entry, nothing loaded). */
  dropQuery(): void {
    const history = (this.document.defaultView as Window).history;
    history.replaceState(history.state, '', this.document.location.pathname);
  }

  private address(): string {
    const { pathname, search, hash } = this.document.location;
    return pathname + search + hash;
  }

  private async show(url: string, source: Source): Promise<boolean> {
    const id = ++this.latest;
    let target = targetOf(url);
    const shown = this.shown();
    // The page on screen stays (no new session check, no reload): e.g. the skip link's #main, or Back to a
    // fragment of the same page.
    if (shown?.path !== target.path && PAGES[target.path].needsSession) {
      const session = await this.session.check();
      if (id !== this.latest) return false;
      if (session !== 'signed-in') target = { path: '/sign-in', url: '/sign-in' };
    }
    let component: Type<unknown>;
    try {
      component = shown?.path === target.path ? shown.component : await PAGES[target.path].load();
    } catch {
      // The page's code could not be loaded (a newer build is served, or the network dropped): say so, never a
      // click that does nothing or a blank tab.
      if (id === this.latest) showLoadFailure(this.document, PAGE_LOAD_FAILURE_TEXT);
      return false;
    }
    if (id !== this.latest) return false;
    clearLoadFailure(this.document);
    this.writeAddress(target.url, source);
    this.document.title = PAGES[target.path].title;
    if (shown?.path !== target.path) this.shown.set({ path: target.path, component });
    return true;
  }

  /**
   * A page the desk opens is a new history entry (unless it is the address already shown); an opened address or
   * Back/Forward only settles the entry the browser is on (`/x` becomes `/`, a redirect to sign-in replaces it).
   */
  private writeAddress(url: string, source: Source): void {
    const history = (this.document.defaultView as Window).history;
    const { pathname, search } = this.document.location;
    if (source !== 'desk' || url === pathname + search) {
      if (url !== this.address()) history.replaceState(history.state, '', url);
    } else {
      history.pushState(null, '', url);
    }
  }
}
