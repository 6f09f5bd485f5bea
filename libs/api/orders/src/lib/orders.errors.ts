import { validationFailed } from '@desk/api/core';
import { DeskError, ERROR_TITLES, FieldError } from '@desk/contracts';

/** The orders module's own refusals, each with the next step the user can take. */
export const OrdersErrors = {
  validation(errors: FieldError[]): DeskError {
    return validationFailed(errors, { nextStep: 'Correct the fields listed and submit again.' });
  },
  invalidOrderId(): DeskError {
    return validationFailed([{ field: 'id', message: "An order id has only letters, digits and '-'." }]);
  },
  idempotencyKeyRequired(): DeskError {
    return new DeskError({
      code: 'IDEMPOTENCY_KEY_REQUIRED',
      title: ERROR_TITLES.invalidInput,
      httpStatus: 400,
      message: 'API-key clients must send an Idempotency-Key header (e.g. a UUID) with every new order.',
      nextStep: 'Generate one key per order you mean to place and reuse it only to retry that same order.',
    });
  },
  idempotencyKeyInvalid(): DeskError {
    return validationFailed([{ field: 'Idempotency-Key', message: 'Use 1 to 255 printable ASCII characters, e.g. a UUID.' }], {
      message: 'The Idempotency-Key header must be 1 to 255 printable ASCII characters.',
    });
  },
  keyReused(): DeskError {
    return new DeskError({
      code: 'IDEMPOTENCY_KEY_REUSED',
      title: ERROR_TITLES.requestRefused,
      httpStatus: 422,
      message: 'This Idempotency-Key was already used for a different order.',
      nextStep: 'Use a new key for a new order; reuse a key only to retry the exact same order.',
    });
  },
  inFlight(): DeskError {
    return new DeskError({
      code: 'IDEMPOTENCY_IN_FLIGHT',
      title: ERROR_TITLES.requestRefused,
      httpStatus: 409,
      message: 'An order with this Idempotency-Key is being submitted right now.',
      nextStep: 'Wait a moment and retry with the same key to get its result.',
    });
  },
  /** `details.limit` names the gate: KILL_SWITCH or STARTUP_BARRIER. */
  halted(message: string, nextStep: string, details?: Record<string, unknown>): DeskError {
    return new DeskError({
      code: 'ORDERS_HALTED',
      title: ERROR_TITLES.requestRefused,
      httpStatus: 503,
      message,
      nextStep,
      details,
    });
  },
  /** Place and modify are refused; cancel is not (it only reduces exposure), which the modify answer says. */
  killSwitch(action: 'place' | 'modify' = 'place'): DeskError {
    return action === 'place'
      ? OrdersErrors.halted(
          'New orders are refused: the kill switch is on.',
          'Turn the kill switch off on the Orders page when you want to trade again.',
          { limit: 'KILL_SWITCH' },
        )
      : OrdersErrors.halted(
          'Order changes are refused: the kill switch is on. Cancelling an order still works.',
          'Cancel the order if you want it gone, or turn the kill switch off on the Orders page to change orders again.',
          { limit: 'KILL_SWITCH' },
        );
  },
  /** In the Upstox sandbox the order cannot be read, so its limits can only be checked on a full new order. */
  sandboxModifyIncomplete(errors: FieldError[]): DeskError {
    return validationFailed(errors, {
      message:
        'In the Upstox sandbox the desk cannot read the order, so a modify must carry the full new order ' +
        '(instrumentKey, transactionType, quantity, orderType, and price / triggerPrice as the order type needs) ' +
        'for the pre-trade limits to be checked.',
      nextStep: 'Add the fields listed, with the values the order should have after the change, and submit again.',
    });
  },
  risk(message: string, nextStep: string, details?: Record<string, unknown>): DeskError {
    return new DeskError({ code: 'RISK_LIMIT', title: ERROR_TITLES.orderRejected, httpStatus: 422, message, nextStep, details });
  },
  /** `transient`: Upstox is still processing the order (e.g. 'open pending'); it may become cancellable. */
  notCancellable(orderId: string, status: string, transient = false): DeskError {
    return new DeskError({
      code: 'ORDER_NOT_CANCELLABLE',
      title: ERROR_TITLES.orderRejected,
      httpStatus: 409,
      message: transient
        ? `Order ${orderId} is '${status}': Upstox is still processing it, so it cannot be cancelled right now.`
        : `Order ${orderId} is '${status}' and can no longer be cancelled.`,
      nextStep: transient
        ? 'Refresh the order in a moment and cancel it once it shows as open.'
        : 'Refresh the order book; to undo a filled order, place an opposite order.',
    });
  },
  notModifiable(orderId: string, status: string, transient = false): DeskError {
    return new DeskError({
      code: 'ORDER_NOT_MODIFIABLE',
      title: ERROR_TITLES.orderRejected,
      httpStatus: 409,
      message: transient
        ? `Order ${orderId} is '${status}': Upstox is still processing it, so it cannot be modified right now.`
        : `Order ${orderId} is '${status}' and can no longer be modified.`,
      nextStep: transient
        ? 'Refresh the order in a moment and modify it once it shows as open.'
        : 'Refresh the order book; place a new order if you still want to trade.',
    });
  },
  /** GET /api/instruments/:key for a key the instrument list in use does not hold (or no list is available). */
  instrumentNotFound(instrumentKey: string, why: string): DeskError {
    return new DeskError({
      code: 'NOT_FOUND',
      title: ERROR_TITLES.requestRefused,
      httpStatus: 404,
      message: `No instrument ${instrumentKey}: ${why}`,
      nextStep: 'Check the key (e.g. NSE_EQ|INE002A01018), or search by symbol with GET /api/instruments?query=.',
    });
  },
  intentNotFound(): DeskError {
    return new DeskError({
      code: 'NOT_FOUND',
      title: ERROR_TITLES.requestRefused,
      httpStatus: 404,
      message: 'No order intent with this id.',
    });
  },
  /** A modify or cancel whose outcome is unknown: never retried, the user checks first. */
  actionOutcomeUnknown(action: 'modify' | 'cancel', orderId: string, cause: DeskError): DeskError {
    return new DeskError({
      code: 'ORDER_OUTCOME_UNKNOWN',
      title: ERROR_TITLES.upstoxError,
      httpStatus: cause.httpStatus >= 500 ? cause.httpStatus : 502,
      message: `Upstox did not confirm the ${action} of order ${orderId} (${cause.message}); it may or may not have been applied.`,
      nextStep: `Refresh order ${orderId} and check its status before trying the ${action} again.`,
      upstoxCode: cause.upstoxCode,
      logDetail: cause.logDetail,
    });
  },
};

/** Upstox order ids are documented as `^[-a-zA-Z0-9]+`; checked before any call. */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
/** Printable ASCII, as an HTTP header value can carry safely; Stripe allows up to 255. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

/** Refuses a malformed order id before any Upstox call. */
export function assertOrderId(id: string): void {
  if (!ORDER_ID_PATTERN.test(id)) throw OrdersErrors.invalidOrderId();
}
