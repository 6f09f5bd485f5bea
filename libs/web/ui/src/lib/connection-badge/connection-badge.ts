import { ChangeDetectionStrategy, Component, input } from '@angular/core';

export type ConnectionTone = 'ok' | 'idle' | 'warn' | 'busy';

/** A coloured dot and words: the connection state as the top bar shows it. */
@Component({
  selector: 'desk-connection-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span
      class="conn conn--{{ tone() }}"
      role="status"
      data-testid="connection-status"
      [attr.data-tone]="tone()"
      [attr.title]="hint()"
    >
      <span class="conn__dot" aria-hidden="true"></span>
      <span class="conn__label" data-testid="connection-label">{{ label() }}</span>
      @if (userName()) {
        <span class="conn__user" data-testid="connection-user">{{ userName() }}</span>
      }
      @if (timeLeft()) {
        <span class="conn__time" data-testid="connection-time-left">{{ timeLeft() }} left</span>
      }
    </span>
  `,
})
export class ConnectionBadge {
  readonly label = input.required<string>();
  readonly tone = input.required<ConnectionTone>();
  readonly userName = input<string | null>(null);
  readonly timeLeft = input<string | null>(null);
  readonly hint = input<string | null>(null);
}
