import { ChangeDetectionStrategy, Component, OnInit, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { ErrorCallout } from '@desk/web/ui';
import { SessionStore } from '../session/session-store';

/** For a browser without a dashboard session: the printed link, or the login token pasted here. */
@Component({
  selector: 'desk-sign-in-page',
  imports: [ReactiveFormsModule, ErrorCallout],
  templateUrl: './sign-in-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage implements OnInit {
  protected readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly form = new FormGroup({ token: new FormControl('', { nonNullable: true }) });
  protected readonly missing = signal(false);

  ngOnInit(): void {
    // The dev server cannot answer `/?token=` itself, so the page accepts the token from the link too.
    const fromLink = this.route.snapshot.queryParamMap.get('token');
    if (fromLink) {
      void this.router.navigate([], { queryParams: {}, replaceUrl: true });
      void this.signInWith(fromLink);
    }
  }

  protected submit(): void {
    const token = this.form.controls.token.value.trim();
    this.missing.set(!token);
    if (token) void this.signInWith(token);
  }

  private async signInWith(token: string): Promise<void> {
    const ok = await this.session.signIn(token);
    this.form.controls.token.setValue('');
    if (ok) await this.router.navigateByUrl('/');
  }
}
