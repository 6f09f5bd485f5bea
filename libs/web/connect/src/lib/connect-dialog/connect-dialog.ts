import { DialogRef } from '@angular/cdk/dialog';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import {
  ApiErrorBody,
  DEFAULT_REDIRECT_URI,
  ENVIRONMENT_LABELS,
  SimulatorAppCredentials,
  UPSTOX_ENVIRONMENTS,
  UpstoxEnvironment,
} from '@desk/contracts';
import { CopyButton, ErrorCallout } from '@desk/web/ui';
import { ConnectionStore } from '../connection-store';
import { OAuthWindow } from '../oauth-window';

type Mode = 'oauth' | 'token';
type Phase = 'form' | 'waiting' | 'blocked';
type Field = 'apiKey' | 'apiSecret' | 'redirectUri' | 'accessToken';

/** The guide's "Connect Upstox" dialog: Option A (OAuth popup, recommended) and Option B (token). */
@Component({
  selector: 'desk-connect-dialog',
  imports: [ReactiveFormsModule, ErrorCallout, CopyButton],
  templateUrl: './connect-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectDialog {
  protected readonly store = inject(ConnectionStore);
  private readonly oauthWindow = inject(OAuthWindow);
  private readonly dialogRef = inject(DialogRef, { optional: true });

  protected readonly environments = UPSTOX_ENVIRONMENTS;
  protected readonly environmentLabels = ENVIRONMENT_LABELS;
  protected readonly mode = signal<Mode>('oauth');
  protected readonly phase = signal<Phase>(this.store.awaitingAuthorization() ? 'waiting' : 'form');
  protected readonly authorizationUrl = signal<string | null>(null);
  protected readonly fieldErrors = signal<Partial<Record<Field, string>>>({});
  protected readonly loadingSimulator = signal(false);
  private readonly requestError = signal<ApiErrorBody | null>(null);
  protected readonly shownError = computed(() => this.requestError() ?? this.store.authorizationError());

  protected readonly form = new FormGroup({
    environment: new FormControl<UpstoxEnvironment>(this.store.environment() ?? 'live', { nonNullable: true }),
    apiKey: new FormControl('', { nonNullable: true }),
    apiSecret: new FormControl('', { nonNullable: true }),
    redirectUri: new FormControl(this.suggestedRedirectUri(), { nonNullable: true }),
    accessToken: new FormControl('', { nonNullable: true }),
  });
  protected readonly environment = toSignal(this.form.controls.environment.valueChanges, {
    initialValue: this.form.controls.environment.value,
  });
  protected readonly redirectUri = toSignal(this.form.controls.redirectUri.valueChanges, {
    initialValue: this.form.controls.redirectUri.value,
  });
  /** Credentials we filled in from the simulator, so switching away can take them back out. */
  private simulatorApp: SimulatorAppCredentials | null = null;

  constructor() {
    this.form.controls.environment.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((environment) => void this.onEnvironmentChange(environment));
    if (this.form.controls.environment.value === 'simulator') void this.onEnvironmentChange('simulator');
    effect(() => {
      if (this.store.isConnected() && this.phase() !== 'form') this.close();
    });
    effect(() => {
      if (this.store.authorizationError() && this.phase() !== 'form') {
        this.phase.set('form');
        this.refillSimulatorSecret();
      }
    });
  }

  protected setMode(mode: Mode): void {
    this.mode.set(mode);
    this.fieldErrors.set({});
    this.requestError.set(null);
  }

  protected onTabKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next: Mode = this.mode() === 'oauth' ? 'token' : 'oauth';
    this.setMode(next);
    (event.currentTarget as HTMLElement).parentElement?.querySelector<HTMLElement>(`#connect-tab-${next}`)?.focus();
  }

  protected submit(): void {
    if (this.mode() === 'oauth') this.connectWithOAuth();
    else void this.connectWithToken();
  }

  /** Opens the popup first, synchronously: browsers allow popups only inside the user's click. */
  private connectWithOAuth(): void {
    this.requestError.set(null);
    if (!this.checkRequired(['apiKey', 'apiSecret', 'redirectUri'])) return;
    const popup = this.oauthWindow.openBlankPopup();
    const value = this.form.getRawValue();
    const request = {
      apiKey: value.apiKey.trim(),
      apiSecret: value.apiSecret,
      redirectUri: value.redirectUri.trim(),
      environment: value.environment,
    };
    this.clearSecrets();
    void this.store.startOAuth(request, popup).then((result) => {
      if (result.kind === 'failed') {
        this.requestError.set(result.error);
        this.refillSimulatorSecret();
      } else if (result.kind === 'blocked') {
        this.authorizationUrl.set(result.authorizationUrl);
        this.phase.set('blocked');
      } else {
        this.phase.set('waiting');
      }
    });
  }

  private async connectWithToken(): Promise<void> {
    this.requestError.set(null);
    if (!this.checkRequired(['apiKey', 'apiSecret', 'accessToken'])) return;
    const value = this.form.getRawValue();
    const request = {
      apiKey: value.apiKey.trim(),
      apiSecret: value.apiSecret,
      accessToken: value.accessToken.trim(),
      environment: value.environment,
    };
    this.clearSecrets();
    const result = await this.store.connectWithToken(request);
    if (result.ok) {
      this.close();
    } else {
      this.requestError.set(result.error);
      this.refillSimulatorSecret();
    }
  }

  protected continueInThisWindow(): void {
    const url = this.authorizationUrl();
    if (url) this.store.continueInThisWindow(url);
  }

  protected startAgain(): void {
    this.store.stopWaiting();
    this.phase.set('form');
  }

  protected close(): void {
    this.dialogRef?.close();
  }

  protected describedBy(field: Field, hintId?: string): string | null {
    const ids = [hintId, this.fieldErrors()[field] ? `connect-${field}-error` : undefined].filter(Boolean);
    return ids.length ? ids.join(' ') : null;
  }

  private checkRequired(fields: Field[]): boolean {
    const value = this.form.getRawValue();
    const messages: Record<Field, string> = {
      apiKey: 'Enter your API Key (the Client ID of your Upstox app).',
      apiSecret: 'Enter your API Secret (the Client Secret of your Upstox app).',
      redirectUri: 'Enter the Redirect URI registered in your Upstox app.',
      accessToken: 'Paste your Upstox access token.',
    };
    const errors: Partial<Record<Field, string>> = {};
    for (const field of fields) {
      if (!value[field].trim()) errors[field] = messages[field];
    }
    if (fields.includes('redirectUri') && !errors.redirectUri && !/^https?:\/\/\S+$/.test(value.redirectUri.trim())) {
      errors.redirectUri = 'The Redirect URI must be a full http:// or https:// address.';
    }
    this.fieldErrors.set(errors);
    return Object.keys(errors).length === 0;
  }

  /** Secrets live in the form only until they are sent: never kept, never stored in the browser. */
  private clearSecrets(): void {
    this.form.patchValue({ apiSecret: '', accessToken: '' }, { emitEvent: false });
  }

  /** The simulator's demo secret is not the user's: put it back so "try again" needs no typing. */
  private refillSimulatorSecret(): void {
    if (this.simulatorApp && this.form.controls.environment.value === 'simulator') {
      this.form.patchValue({ apiSecret: this.simulatorApp.apiSecret }, { emitEvent: false });
    }
  }

  /**
   * The api's own /callback address (it follows PORT: the guide's http://localhost:5000/callback by default), or the
   * one the last connection used; the guide's address only when the status is not known yet.
   */
  private suggestedRedirectUri(): string {
    return this.store.status()?.redirectUri || DEFAULT_REDIRECT_URI;
  }

  private async onEnvironmentChange(environment: UpstoxEnvironment): Promise<void> {
    this.requestError.set(null);
    if (environment !== 'simulator') {
      const filled = this.simulatorApp;
      if (filled && this.form.controls.apiKey.value === filled.apiKey) {
        this.form.patchValue({ apiKey: '', apiSecret: '', redirectUri: this.suggestedRedirectUri() });
      }
      this.simulatorApp = null;
      return;
    }
    this.loadingSimulator.set(true);
    const result = await this.store.loadSimulatorApp();
    this.loadingSimulator.set(false);
    if (this.form.controls.environment.value !== 'simulator') return;
    if (!result.ok) {
      this.requestError.set(result.error);
      return;
    }
    this.simulatorApp = result.value;
    this.form.patchValue({
      apiKey: result.value.apiKey,
      apiSecret: result.value.apiSecret,
      redirectUri: result.value.redirectUri,
    });
    this.fieldErrors.set({});
  }
}
