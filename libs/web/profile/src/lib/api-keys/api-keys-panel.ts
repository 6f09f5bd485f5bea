import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { ApiErrorBody, ApiKeyScope, ApiKeySummary, formatIst } from '@desk/contracts';
import { CopyButton, ErrorCallout } from '@desk/web/ui';
import { API_KEY_NAME_MAX, ApiKeysStore, validateNewApiKey } from './api-keys-store';

/**
 * Create, list and revoke the API keys scripts and bots use. The key is shown once, right after
 * creation, and forgotten when dismissed or when the dashboard goes away.
 */
@Component({
  selector: 'desk-api-keys-panel',
  imports: [ErrorCallout, CopyButton],
  templateUrl: './api-keys-panel.html',
  styleUrl: './api-keys-panel.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeysPanel {
  protected readonly store = inject(ApiKeysStore);
  private readonly origin = inject(DOCUMENT).location?.origin ?? 'http://localhost:5000';
  private readonly injector = inject(Injector);
  private readonly createdCallout = viewChild<ElementRef<HTMLElement>>('createdCallout');
  private readonly newKeyButton = viewChild<ElementRef<HTMLButtonElement>>('newKeyButton');

  protected readonly nameMax = API_KEY_NAME_MAX;
  protected readonly formatTime = formatIst;

  protected readonly formOpen = signal(false);
  protected readonly name = signal('');
  protected readonly readScope = signal(true);
  protected readonly tradeScope = signal(false);
  /** Field problems show after the first submit, then follow the input. */
  protected readonly submitted = signal(false);
  protected readonly creating = signal(false);
  protected readonly createError = signal<ApiErrorBody | null>(null);

  /** The key waiting for "Yes, revoke", and the last revoke failure (per key). */
  protected readonly confirmingId = signal<string | null>(null);
  protected readonly revokeError = signal<{ id: string; error: ApiErrorBody } | null>(null);

  protected readonly scopes = computed<ApiKeyScope[]>(() => [
    ...(this.readScope() ? (['read'] as const) : []),
    ...(this.tradeScope() ? (['trade'] as const) : []),
  ]);
  protected readonly problem = computed(() => (this.submitted() ? validateNewApiKey(this.name(), this.scopes()) : null));
  protected readonly curl = computed(() => {
    const key = this.store.created()?.key ?? '<key>';
    return `curl -H "Authorization: Bearer ${key}" ${this.origin}/api/orders`;
  });

  constructor() {
    void this.store.load();
    // Leaving the dashboard (sign-out, navigation) drops the secret and the list from memory.
    inject(DestroyRef).onDestroy(() => this.store.reset());
  }

  protected openForm(): void {
    this.name.set('');
    this.readScope.set(true);
    this.tradeScope.set(false);
    this.submitted.set(false);
    this.createError.set(null);
    this.formOpen.set(true);
  }

  protected closeForm(): void {
    this.formOpen.set(false);
    this.createError.set(null);
  }

  protected onName(event: Event): void {
    this.name.set((event.target as HTMLInputElement).value);
  }

  protected onScope(scope: ApiKeyScope, event: Event): void {
    const checked = (event.target as HTMLInputElement).checked;
    (scope === 'read' ? this.readScope : this.tradeScope).set(checked);
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.submitted.set(true);
    if (this.problem() || this.creating()) return;
    this.creating.set(true);
    this.createError.set(null);
    const result = await this.store.create(this.name(), this.scopes());
    this.creating.set(false);
    if (result.ok) {
      this.formOpen.set(false);
      // Screen readers and keyboards land on the key, which is about to be shown for the only time.
      this.focusAfterRender(() => this.createdCallout());
    } else {
      this.createError.set(result.error);
    }
  }

  protected dismissCreated(): void {
    this.store.dismissCreated();
    this.focusAfterRender(() => this.newKeyButton());
  }

  private focusAfterRender(target: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => target()?.nativeElement.focus(), { injector: this.injector });
  }

  protected askRevoke(key: ApiKeySummary): void {
    this.revokeError.set(null);
    this.confirmingId.set(key.id);
  }

  protected keepKey(): void {
    this.confirmingId.set(null);
  }

  protected async confirmRevoke(key: ApiKeySummary): Promise<void> {
    const result = await this.store.revoke(key.id);
    this.confirmingId.set(null);
    if (!result.ok) this.revokeError.set({ id: key.id, error: result.error });
  }

  protected retry(): void {
    void this.store.load();
  }
}
