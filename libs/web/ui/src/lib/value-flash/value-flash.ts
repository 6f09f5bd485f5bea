import { DestroyRef, Directive, ElementRef, effect, inject, input } from '@angular/core';

/** How long a changed number stays highlighted (the CSS animation of `.flash--up|down` lasts as long). */
export const VALUE_FLASH_MS = 600;

/**
 * Flashes its element when the bound number changes: class `flash--up` (green) when it rose, `flash--down`
 * (red) when it fell, for VALUE_FLASH_MS. The first value and unknown values (null) do not flash. The
 * animation lives in the global styles, where `prefers-reduced-motion: reduce` turns it off.
 */
@Directive({
  selector: '[deskValueFlash]',
  host: { '[attr.data-flash-value]': 'deskValueFlash()' },
})
export class ValueFlash {
  readonly deskValueFlash = input<number | null | undefined>(null);

  private readonly element: HTMLElement = inject(ElementRef).nativeElement;
  private previous: number | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      const value = this.deskValueFlash();
      const next = value === null || value === undefined || !Number.isFinite(value) ? null : value;
      const previous = this.previous;
      this.previous = next;
      if (previous === null || next === null || next === previous) return;
      this.flash(next > previous ? 'up' : 'down');
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  private flash(direction: 'up' | 'down'): void {
    const classes = this.element.classList;
    classes.remove('flash--up', 'flash--down');
    // Restart the animation when a second change comes within the first flash.
    void this.element.offsetWidth;
    classes.add(`flash--${direction}`);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => classes.remove('flash--up', 'flash--down'), VALUE_FLASH_MS);
  }
}
