import { ElementRef, Injector, afterNextRender, inject } from '@angular/core';

/** Focuses the first element inside the component that matches `selector`, after the next render. */
export type FocusAfterRender = (selector: string) => void;

/**
 * For a component whose content replaces the element that had focus (a step, a confirmation): the returned function
 * focuses what replaced it once rendered (zoneless: a microtask would run before that render). With `orDialog`, when
 * nothing matches, focus goes to the dialog around the component, never to the page behind it. Call it in an
 * injection context (a field or the constructor).
 */
export function injectFocusAfterRender(options: { orDialog?: boolean } = {}): FocusAfterRender {
  const host: HTMLElement = inject(ElementRef<HTMLElement>).nativeElement;
  const injector = inject(Injector);
  return (selector) =>
    afterNextRender(
      () => (host.querySelector<HTMLElement>(selector) ?? (options.orDialog ? host.closest<HTMLElement>('[role="dialog"]') : null))?.focus(),
      { injector },
    );
}
