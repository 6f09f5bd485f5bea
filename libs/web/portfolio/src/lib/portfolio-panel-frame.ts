import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ApiErrorBody } from '@desk/contracts';
import { ErrorCallout, UpdatedAt } from '@desk/web/ui';
import { AccountSection } from './account-section';

/** What the frame reads of a section: its states and a reload (not its items, so any section fits). */
export type SectionStates = Pick<AccountSection<unknown>, 'loaded' | 'loading' | 'error' | 'noAnswer' | 'updatedAt' | 'reload'>;

/**
 * What the positions and holdings panels share around their tables: the header with "Live"/"Updated" and Refresh,
 * and the states before there is a table to show (not connected, loading, failed with Try again, empty). The table
 * is the projected content, shown once the section has rows. The host is the panel's own `<section>`, so the page's
 * structure and styles are what they were.
 */
@Component({
  // eslint-disable-next-line @angular-eslint/component-selector -- hosted by the panel's own <section>: no extra element
  selector: 'section[deskPortfolioFrame]',
  imports: [ErrorCallout, UpdatedAt],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'panel', '[attr.aria-labelledby]': "kind() + '-heading'", '[attr.data-testid]': "kind() + '-panel'" },
  template: `
    <header class="panel__header">
      <h2 [id]="kind() + '-heading'" class="panel__title">{{ heading() }}</h2>
      @if (connected()) {
        <div class="panel__tools">
          <desk-updated-at [live]="live()" [at]="section().updatedAt()" [testId]="kind() + '-updated'" />
          <button type="button" class="btn btn--ghost btn--small" (click)="refresh()" [disabled]="section().loading()" [attr.aria-label]="'Refresh ' + kind()">
            {{ section().loading() ? 'Refreshing...' : 'Refresh' }}
          </button>
        </div>
      }
    </header>

    @if (!connected()) {
      <p class="empty" [attr.data-testid]="kind() + '-empty'" data-reason="disconnected">{{ disconnectedText() }}</p>
    } @else {
      @if (section().error(); as error) {
        <desk-error-callout [error]="error" [tone]="errorTone(error)" [compact]="section().noAnswer()" />
        @if (!section().loaded()) {
          <p class="empty-actions"><button type="button" class="btn btn--small" (click)="refresh()" [disabled]="section().loading()">Try again</button></p>
        }
      }
      @if (!section().loaded()) {
        @if (!section().error()) {
          <p class="empty" [attr.data-testid]="kind() + '-loading'"><span class="spinner" aria-hidden="true"></span> Loading {{ kind() }}...</p>
        }
      } @else if (empty()) {
        <p class="empty" [attr.data-testid]="kind() + '-empty'" data-reason="none">{{ emptyText() }}</p>
      } @else {
        <ng-content />
      }
    }
  `,
})
export class PortfolioPanelFrame {
  /** "positions" or "holdings": the heading's id, the test ids and the words of the states. */
  readonly kind = input.required<string>();
  readonly heading = input.required<string>();
  readonly connected = input(false);
  readonly section = input.required<SectionStates>();
  /** Changes are pushed (the live mirror): "Live" instead of the time of the last read. */
  readonly live = input(false);
  /** Loaded, and nothing to list. */
  readonly empty = input(false);
  readonly disconnectedText = input.required<string>();
  readonly emptyText = input.required<string>();

  /** "Not available in the sandbox" is expected there, not an error worth red. */
  protected errorTone(error: ApiErrorBody): 'error' | 'info' {
    return error.code === 'NOT_AVAILABLE_IN_SANDBOX' ? 'info' : 'error';
  }

  protected refresh(): void {
    void this.section().reload();
  }
}
