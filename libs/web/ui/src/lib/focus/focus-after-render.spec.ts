import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { injectFocusAfterRender } from './focus-after-render';

@Component({
  selector: 'desk-focus-host',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@if (shown()) { <button type="button" class="later">Later</button> }`,
})
class FocusHost {
  readonly shown = signal(false);
  readonly focus = injectFocusAfterRender();
  readonly focusOrDialog = injectFocusAfterRender({ orDialog: true });
}

describe('injectFocusAfterRender', () => {
  let dialog: HTMLElement;

  /** The component inside a dialog container, as the CDK renders a dialog component. */
  function inDialog() {
    const fixture = TestBed.createComponent(FocusHost);
    dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    dialog.tabIndex = -1;
    dialog.appendChild(fixture.nativeElement);
    document.body.appendChild(dialog);
    return fixture;
  }

  afterEach(() => dialog.remove());

  it('focuses an element that only the next render creates', async () => {
    const fixture = inDialog();
    fixture.componentInstance.shown.set(true);
    fixture.componentInstance.focus('.later');
    await fixture.whenStable();
    expect(document.activeElement?.textContent?.trim()).toBe('Later');
  });

  it('falls back to the dialog around it when nothing matches, only when asked', async () => {
    const fixture = inDialog();
    fixture.componentInstance.focus('.missing');
    await fixture.whenStable();
    expect(document.activeElement).toBe(document.body);
    fixture.componentInstance.focusOrDialog('.missing');
    await fixture.whenStable();
    expect(document.activeElement).toBe(dialog);
  });
});
