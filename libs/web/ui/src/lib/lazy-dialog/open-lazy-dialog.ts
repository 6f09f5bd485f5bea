import type { DialogConfig, DialogRef } from '@angular/cdk/dialog';
import { Injector, Type } from '@angular/core';

/**
 * Opens a CDK dialog whose component, and the CDK dialog itself (overlay, portal, focus trap), are loaded on first
 * use: a dashboard that shows dialogs only on a click does not carry their code in its first load. Resolves with
 * the open dialog's ref.
 */
export async function openLazyDialog<R, D, C>(
  injector: Injector,
  component: () => Promise<Type<C>>,
  config: DialogConfig<D, DialogRef<R, C>>,
): Promise<DialogRef<R, C>> {
  const [{ Dialog }, type] = await Promise.all([
    import('@angular/cdk/dialog'),
    component(),
  ]);
  return injector.get(Dialog).open<R, D, C>(type, config);
}
