import type { DialogConfig, DialogRef } from '@angular/cdk/dialog';
import { DOCUMENT, Injector, Type } from '@angular/core';

/** The notice shown when a dialog's code cannot be loaded (one at a time; each failure shows it afresh). */
export const DIALOG_LOAD_FAILURE_ID = 'desk-dialog-load-failure';
export const DIALOG_LOAD_FAILURE_TEXT =
  'The dashboard was updated or the connection dropped, so this window could not open. Reload the page to continue.';
/** The same notice for a page (the sign-in page after signing out, the dashboard after signing in). */
export const PAGE_LOAD_FAILURE_TEXT =
  'The dashboard was updated or the connection dropped, so this page could not open. Reload the page to continue.';

/** An open whose code was still loading when a later call began. */
interface Opening {
  /** The dialog component it opens, once loaded; null if its code could not be loaded. */
  readonly type: Promise<Type<unknown> | null>;
  /** Its dialog's ref (a DialogRef of that component). */
  readonly ref: Promise<unknown>;
}

/** Opens still loading their code. Module-wide like the CDK's own dialog list: one page, one set of dialogs. */
const loading = new Set<Opening>();

/**
 * Opens a CDK dialog whose component, and the CDK dialog itself (overlay, portal, focus trap), are loaded on first
 * use: a dashboard that shows dialogs only on a click does not carry their code in its first load. Resolves with
 * the open dialog's ref.
 *
 * A double click while that code is loading opens one dialog, not two stacked ones: a call that finds an earlier call
 * for the same dialog component still loading opens nothing and resolves with that call's dialog (also when the
 * second click was for another row: its data is not shown, as a click on the backdrop of an open dialog would not).
 * Calls for other dialogs still open theirs, after the earlier ones (click order).
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
  const loaded = Promise.all([import('@angular/cdk/dialog'), component()]).catch((error: unknown) => {
    showLoadFailure(document, DIALOG_LOAD_FAILURE_TEXT);
    throw error;
  });
  const ref = loaded.then(async ([{ Dialog }, type]) => {
    for (const other of earlier) {
      if ((await other.type) === type) return (await other.ref) as DialogRef<R, C>;
    }
    return injector.get(Dialog).open<R, D, C>(type, config);
  });
  const opening: Opening = { type: loaded.then(([, type]) => type, () => null), ref };
  loading.add(opening);
  const done = () => loading.delete(opening);
  ref.then(done, done);
  return ref;
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
