import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { ErrorCallout } from '@desk/web/ui';
import { DeskNavigation } from '../navigation/desk-navigation';
import { SessionStore } from '../session/session-store';

/** For a browser without a dashboard session: the lasting login token typed here (the printed link works once). */
@Component({
  selector: 'desk-sign-in-page',
  imports: [ReactiveFormsModule, ErrorCallout],
  templateUrl: './sign-in-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage implements OnInit {
  protected readonly session = inject(SessionStore);
  private readonly navigation = inject(DeskNavigation);

  protected readonly form = new FormGroup({ token: new FormControl('', { nonNullable: true }) });
  protected readonly missing = signal(false);

  ngOnInit(): void {
    // The api answers the printed one-time link (`/?link=`) itself, and never takes the lasting token from a
    // URL. If either reaches this page (e.g. the dev server's port), it is not used, only dropped from the
    // address bar and this history entry.
    const query = this.navigation.query();
    if (query.has('token') || query.has('link')) this.navigation.dropQuery();
  }

  protected submit(): void {
    const token = this.form.controls.token.value.trim();
    this.missing.set(!token);
    if (token) void this.signInWith(token);
  }

  private async signInWith(token: string): Promise<void> {
    const ok = await this.session.signIn(token);
    this.form.controls.token.setValue('');
    if (ok) await this.navigation.go('/');
  }
}
