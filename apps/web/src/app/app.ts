import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';

@Component({
  selector: 'desk-root',
  imports: [RouterOutlet],
  template: `<a class="skip-link" href="#main">Skip to content</a><router-outlet />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
