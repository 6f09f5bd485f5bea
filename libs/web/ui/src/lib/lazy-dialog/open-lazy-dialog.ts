import type { DialogConfig, DialogRef } from '@angular/cdk/dialog';
import { DOCUMENT, Injector, Type } from '@angular/core';

/** The notice shown when a dialog's code cannot be loaded (one at a time; each failure shows it afresh). */
export const DIALOG_LOAD_FAILURE_ID = 'desk-dialog-load-failure';
export const DIALOG_LOAD_FAILURE_TEXT =
  'The dashboard was updated or the connection dropped, so this window could not open. Reload the page to continue.';
/** The same notice for a page (the sign-in page after signing out, the dashboard after signing in). */
export const PAGE_LOAD_FAILURE_TEXT =
  'The dashboard was updated or the connection dropped, so this page could not open. Reload the page to continue.';

/** An open whose code is still loading (or that waits for earlier clicks to open theirs). */
interface Opening {
  /** The dialog component it opens, once loaded; null if its code could not be loaded. */
  readonly type: Promise<Type<unknown> | null>;
  /** Its dialog's ref (a DialogRef of that component). */
  readonly ref: Promise<unknown>;
  /** Settles once it has opened its dialog, handed over to a later click, or failed. */
  readonly decided: Promise<void>;
}

/** Opens in click order. Module-wide like the CDK's own dialog list: one page, one set of dialogs. */
const loading: Opening[] = [];

/**
 * Opens a CDK dialog whose component, and the CDK dialog itself (overlay, portal, focus trap), are loaded on first
 * use: a dashboard that shows dialogs only on a click does not carry their code in its first load. Resolves with
 * the open dialog's ref.
 *
 * Clicks made while that code is loading open one dialog of a kind, not stacked ones, and the last click wins: a
 * double click opens one dialog, and a click on order B right after one on order A shows B (what the trader saw
 * themselves click last; showing A there could lead to acting on the wrong order). Every such click resolves with
 * that one dialog. Clicks for other dialogs still open theirs, in click order.
 *
 * When that code cannot be loaded (the api now serves a newer build whose chunks have other names, or the network
 * dropped), the click must not just do nothing: the trader gets a visible alert with a Reload button, nothing is
 * opened, and the promise rejects with the load error. Nothing is cached, so the next call loads again (and clears the
 * alert). The alert is plain DOM with the global callout and button classes: it must show without loading anything.
 */
export async function openLazyDialog<R, D, C>(
  injector: Injector,
  component: () => Promise<Type<C>>,
  config: DialogConfig<D, DialogRef<R, C>>,
): Promise<DialogRef<R, C>> {
  const document = injector.get(DOCUMENT);
  clearLoadFailure(document);
  const earlier = [...loading];
  let decide!: () => void;
  const decided = new Promise<void>((resolve) => (decide = resolve));
  const loaded = Promise.all([import('@angular/cdk/dialog'), component()]).catch((error: unknown) => {
    showLoadFailure(document, DIALOG_LOAD_FAILURE_TEXT);
    throw error;
  });
  const type = loaded.then(([, t]) => t, () => null);
  const ref = loaded.then(async ([{ Dialog }, t]) => {
    const later = await lastLaterOfType(opening, t);
    if (later) {
      decide();
      return (await later.ref) as DialogRef<R, C>;
    }
    for (const other of earlier) await other.decided;
    const opened = injector.get(Dialog).open<R, D, C>(t, config);
    decide();
    return opened;
  });
  const opening: Opening = { type, ref, decided };
  loading.push(opening);
  const done = () => {
    decide();
    loading.splice(loading.indexOf(opening), 1);
  };
  ref.then(done, done);
  return ref;
}

/** The last open of the same dialog component clicked after `opening` and still loading, if any. */
async function lastLaterOfType(opening: Opening, type: Type<unknown>): Promise<Opening | null> {
  let last: Opening | null = null;
  for (const other of loading.slice(loading.indexOf(opening) + 1)) if ((await other.type) === type) last = other;
  return last;
}

/** Removes the notice (the code loaded after all). */
export function clearLoadFailure(document: Document): void {
  document.getElementById(DIALOG_LOAD_FAILURE_ID)?.remove();
}

/**
 * Tells the trader that code the click needed could not be loaded, with a Reload button. First in the page, so the
 * first Tab reaches Reload; the global styles keep it in view above everything.
 */
export function showLoadFailure(document: Document, message: string): void {
  document.getElementById(DIALOG_LOAD_FAILURE_ID)?.remove(); // two clicks failing together: still one alert
  const alert = document.createElement('div');
  alert.id = DIALOG_LOAD_FAILURE_ID;
  alert.className = 'callout callout--warn';
  alert.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = message;
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'btn btn--primary btn--small';
  reload.textContent = 'Reload';
  reload.onclick = () => document.location.reload();
  alert.append(text, reload);
  document.body.prepend(alert);
}
