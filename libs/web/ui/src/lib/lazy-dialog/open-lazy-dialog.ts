import type { DialogConfig, DialogRef } from '@angular/cdk/dialog';
import { DOCUMENT, Injector, Type } from '@angular/core';

/** The notice shown when a dialog's code cannot be loaded (one at a time; each failure shows it afresh). */
export const DIALOG_LOAD_FAILURE_ID = 'desk-dialog-load-failure';
export const DIALOG_LOAD_FAILURE_TEXT =
  'The dashboard was updated or the connection dropped, so this window could not open. Reload the page to continue.';

/**
 * Opens a CDK dialog whose component, and the CDK dialog itself (overlay, portal, focus trap), are loaded on first
 * use: a dashboard that shows dialogs only on a click does not carry their code in its first load. Resolves with
 * the open dialog's ref.
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
  document.getElementById(DIALOG_LOAD_FAILURE_ID)?.remove();
  const [{ Dialog }, type] = await Promise.all([import('@angular/cdk/dialog'), component()]).catch((error: unknown) => {
    showLoadFailure(document);
    throw error;
  });
  return injector.get(Dialog).open<R, D, C>(type, config);
}

/** First in the page, so the first Tab reaches Reload; the global styles keep it in view above everything. */
function showLoadFailure(document: Document): void {
  const alert = document.createElement('div');
  alert.id = DIALOG_LOAD_FAILURE_ID;
  alert.className = 'callout callout--warn';
  alert.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = DIALOG_LOAD_FAILURE_TEXT;
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.className = 'btn btn--primary btn--small';
  reload.textContent = 'Reload';
  reload.onclick = () => document.location.reload();
  alert.append(text, reload);
  document.body.prepend(alert);
}
