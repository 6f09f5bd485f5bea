import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ApiErrorBody, FieldError } from '@desk/contracts';

/**
 * Shows an api error the way the user's guide words it: the title ("Authorization Failed",
 * "Connection Failed", "Not authenticated", ...), the concrete reason, and what to do next.
 */
@Component({
  selector: 'desk-error-callout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as e) {
      @if (compact()) {
        <p class="callout callout--compact" role="alert" data-testid="error-callout" data-compact="true">
          <strong class="callout__title" data-testid="error-title">{{ e.title }}</strong>:
          <span data-testid="error-message">{{ e.message }}</span>
          @if (e.nextStep) {
            <!-- The space before it lives in the span: whitespace between blocks is dropped. -->
            <span data-testid="error-next-step"> {{ e.nextStep }}</span>
          }
        </p>
      } @else {
        <div
          class="callout"
          [class.callout--info]="tone() === 'info'"
          [class.callout--warn]="tone() === 'warn'"
          role="alert"
          data-testid="error-callout"
        >
          <p class="callout__title" data-testid="error-title">{{ e.title }}</p>
          <p class="callout__message" data-testid="error-message">{{ e.message }}</p>
          @if (fieldErrors().length > 0) {
            <ul class="callout__fields">
              @for (fieldError of fieldErrors(); track fieldError.field + fieldError.message) {
                <li>{{ fieldError.message }}</li>
              }
            </ul>
          }
          @if (e.nextStep) {
            <p class="callout__next" data-testid="error-next-step"><strong>Next step:</strong> {{ e.nextStep }}</p>
          }
          @if (e.upstoxCode || e.requestId) {
            <p class="callout__meta">
              @if (e.upstoxCode) {
                <span>Upstox code {{ e.upstoxCode }}</span>
              }
              @if (e.requestId) {
                <span>Request id {{ e.requestId }}</span>
              }
            </p>
          }
        </div>
      }
    }
  `,
})
export class ErrorCallout {
  readonly error = input<ApiErrorBody | null>(null);
  /** `info` for expected, harmless limits (e.g. "not available in the sandbox"). */
  readonly tone = input<'error' | 'warn' | 'info'>('error');
  /**
   * One short block instead of the full callout: for a panel whose data stays worth seeing under an error the page
   * explains in full (no answer from the api: the banner at the top says it, with the next step).
   */
  readonly compact = input(false);

  /** The field list under the message, without the one the message already says (a single invalid field). */
  protected readonly fieldErrors = computed<FieldError[]>(() => {
    const error = this.error();
    const details: unknown = error?.details;
    return Array.isArray(details) ? (details as FieldError[]).filter((d) => d.message !== error?.message) : [];
  });
}
