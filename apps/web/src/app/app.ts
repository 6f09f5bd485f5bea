import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject } from '@angular/core';
import { DeskNavigation } from '@desk/web/shell';

@Component({
  selector: 'desk-root',
  imports: [NgComponentOutlet],
  template: `<a class="skip-link" href="#main">Skip to content</a><ng-container *ngComponentOutlet="navigation.component()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly navigation = inject(DeskNavigation);

  constructor() {
    inject(DestroyRef).onDestroy(this.navigation.start());
  }
}
