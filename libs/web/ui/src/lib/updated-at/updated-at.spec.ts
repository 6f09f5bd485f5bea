import { TestBed } from '@angular/core/testing';
import { UpdatedAt } from './updated-at';

// 2026-12-01 18:30:05 UTC is 00:00:05 IST.
const AT = new Date('2026-12-01T18:30:05Z');

describe('UpdatedAt', () => {
  function render(inputs: Partial<{ live: boolean; autoRefreshing: boolean; at: Date | null; timeWhileLive: boolean }>): string {
    const fixture = TestBed.createComponent(UpdatedAt);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    fixture.componentRef.setInput('testId', 'x-updated');
    fixture.detectChanges();
    const span = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="x-updated"]');
    return (span?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  it('says when the data was last read, in IST, while not live', () => {
    expect(render({ at: AT })).toBe('Updated 00:00:05 IST');
    expect(render({ at: null })).toBe('');
  });

  it('live: "Live", with the time only where it says something (timeWhileLive)', () => {
    expect(render({ live: true, at: AT })).toBe('Live');
    expect(render({ live: true, at: AT, timeWhileLive: true })).toBe('Live · Updated 00:00:05 IST');
    expect(render({ live: true, at: null, timeWhileLive: true })).toBe('Live');
  });

  it('polling because something still moves: "Auto-refreshing" with the time', () => {
    expect(render({ autoRefreshing: true, at: AT })).toBe('Auto-refreshing · Updated 00:00:05 IST');
    expect(render({ autoRefreshing: true, live: true, at: AT, timeWhileLive: true })).toBe('Live · Updated 00:00:05 IST');
  });
});
