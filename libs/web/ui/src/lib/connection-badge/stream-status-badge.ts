import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ConnectionTone } from './connection-badge';

/** Next to the connection badge: whether changes arrive live ("Live", paused, down with its cause). */
@Component({
  selector: 'desk-stream-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span
      class="conn conn--stream conn--{{ tone() }}"
      role="status"
      data-testid="stream-status"
      [attr.data-state]="state()"
      [attr.data-tone]="tone()"
      [attr.title]="hint()"
    >
      <span class="conn__dot" aria-hidden="true"></span>
      <span data-testid="stream-label">{{ label() }}</span>
      @if (cause()) {
        <span class="conn__cause" data-testid="stream-cause">: {{ cause() }}</span>
      }
    </span>
  `,
})
export class StreamStatusBadge {
  readonly state = input.required<string>();
  readonly label = input.required<string>();
  readonly tone = input.required<ConnectionTone>();
  readonly cause = input<string | null>(null);
  readonly hint = input<string | null>(null);
}
