import { DeskEventType } from '@desk/contracts';

/**
 * What an event is about, when it carries that thing's whole new state: a resume needs only the newest event of
 * each (see EventBuffer). Undefined for events that are each news of their own (a trade), which are all replayed.
 */
export function eventSubject(type: DeskEventType, data: unknown): string | undefined {
  const fields = (data ?? {}) as Record<string, unknown>;
  switch (type) {
    case 'order':
      return typeof fields['orderId'] === 'string' ? fields['orderId'] : undefined;
    case 'position':
      // One position per instrument and product, as Upstox lists them.
      return typeof fields['instrumentKey'] === 'string' ? `${fields['instrumentKey']}|${String(fields['product'])}` : undefined;
    case 'holding':
      return typeof fields['instrumentKey'] === 'string' ? fields['instrumentKey'] : undefined;
    case 'funds':
    case 'connection':
    case 'market':
    case 'kill-switch':
      return '';
    default:
      return undefined;
  }
}
