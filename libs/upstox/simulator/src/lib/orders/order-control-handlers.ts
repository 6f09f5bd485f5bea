import { body, ControlError, ControlHandler, intField, ok } from '../control-body';
import type { EmptyTagHistory, ExchangeAction } from './order-controls';

const ACTIONS: readonly ExchangeAction[] = ['modify', 'cancel'];
const TAG_HISTORY: readonly EmptyTagHistory[] = ['empty-list', 'error'];

/** Control routes for the order switches (OrderControls). */
export const orderControlHandlers: Record<string, ControlHandler> = {
  /** `{action: "modify"|"cancel", count?: 1}`: the exchange refuses the next `count` of them (`not modified` / `not cancelled`). */
  'POST exchange-refusal': (core, ctx) => {
    const b = body(ctx);
    const action = b['action'] as ExchangeAction;
    if (!ACTIONS.includes(action)) throw new ControlError(400, 'action must be "modify" or "cancel"');
    core.orderControls.refuseNext(action, intField(b, 'count', 1, 0, 1000));
    return ok({ pending: core.orderControls.pendingRefusals() });
  },
  /** `{empty_tag: "empty-list"|"error"}`: how history-by-tag answers a tag with no orders. */
  'POST order-history': (core, ctx) => {
    const mode = body(ctx)['empty_tag'] as EmptyTagHistory;
    if (!TAG_HISTORY.includes(mode)) throw new ControlError(400, 'empty_tag must be "empty-list" or "error"');
    core.orderControls.emptyTagHistory = mode;
    return ok({ empty_tag: mode });
  },
  /** `{ddpi?: boolean, tpin_authorised?: boolean}`: what lets the demo user sell delivery shares. */
  'POST demat': (core, ctx) => {
    const b = body(ctx);
    for (const field of ['ddpi', 'tpin_authorised']) {
      if (b[field] !== undefined && typeof b[field] !== 'boolean') throw new ControlError(400, `${field} must be a boolean`);
    }
    if (typeof b['ddpi'] === 'boolean') core.orderControls.ddpi = b['ddpi'];
    if (typeof b['tpin_authorised'] === 'boolean') core.orderControls.tpinAuthorised = b['tpin_authorised'];
    return ok({ ddpi: core.orderControls.ddpi, tpin_authorised: core.orderControls.tpinAuthorised });
  },
};
