import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { VALUE_FLASH_MS, ValueFlash } from './value-flash';

@Component({
  imports: [ValueFlash],
  template: `<span [deskValueFlash]="value()">{{ value() }}</span>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly value = signal<number | null>(null);
}

describe('ValueFlash', () => {
  afterEach(() => jest.useRealTimers());

  function setup() {
    jest.useFakeTimers();
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const span = fixture.nativeElement.querySelector('span') as HTMLElement;
    const set = (value: number | null) => {
      fixture.componentInstance.value.set(value);
      fixture.detectChanges();
    };
    return { span, set };
  }

  it('does not flash the first value, nor a change from or to unknown', () => {
    const { span, set } = setup();
    set(100);
    expect(span.className).toBe('');
    set(null);
    set(120);
    expect(span.className).toBe('');
  });

  it('flashes up on a rise and down on a fall, then clears after the flash', () => {
    const { span, set } = setup();
    set(100);
    set(101.5);
    expect(span.classList.contains('flash--up')).toBe(true);
    set(99);
    expect(span.classList.contains('flash--down')).toBe(true);
    expect(span.classList.contains('flash--up')).toBe(false);
    jest.advanceTimersByTime(VALUE_FLASH_MS - 1);
    expect(span.classList.contains('flash--down')).toBe(true);
    jest.advanceTimersByTime(1);
    expect(span.className).toBe('');
  });

  it('does not flash when the value is set again unchanged', () => {
    const { span, set } = setup();
    set(100);
    set(100);
    expect(span.className).toBe('');
  });
});
