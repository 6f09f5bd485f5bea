import { ERROR_TITLES, ErrorCode, ErrorTitle } from '@desk/contracts';

/** How one Upstox error code is presented to our clients. */
export interface UpstoxErrorSpec {
  code: ErrorCode;
  title: ErrorTitle;
  /** Status our api answers with (not Upstox's). */
  httpStatus: number;
  message: string;
  nextStep: string;
  /** For validation codes: the request field (our names) the code is about, when Upstox names none. */
  field?: string;
}

const T = ERROR_TITLES;

const RETRY_LATER = 'Wait a moment and try again.';
const CHECK_FORM = 'Correct the highlighted field and submit again.';
const RECONNECT = 'Reconnect to Upstox: sign in again with the Connect button or paste a fresh access token.';
const OUR_BUG = 'Try again; if it keeps happening, check the server logs and report it.';

function invalid(message: string, field: string): UpstoxErrorSpec {
  return { code: 'VALIDATION_FAILED', title: T.invalidInput, httpStatus: 400, message, nextStep: CHECK_FORM, field };
}

function rejected(message: string, nextStep: string): UpstoxErrorSpec {
  return { code: 'ORDER_REJECTED', title: T.orderRejected, httpStatus: 422, message, nextStep };
}

function upstoxError(message: string, nextStep = OUR_BUG): UpstoxErrorSpec {
  return { code: 'UPSTOX_ERROR', title: T.upstoxError, httpStatus: 502, message, nextStep };
}

/** Every code of CONTRACT.md §3.1 (common, login, orders, data/account). */
export const UPSTOX_ERROR_CODES: Readonly<Record<string, UpstoxErrorSpec>> = {
  // ---- common
  UDAPI10000: upstoxError('Upstox did not support the request (bad URL or characters).'),
  UDAPI100016: {
    code: 'INVALID_CREDENTIALS', title: T.authorizationFailed, httpStatus: 400,
    message: 'Upstox rejected the credentials: the API key, API secret or redirect URI is wrong, or the authorization code expired or was already used.',
    nextStep: 'Make sure the API key and secret are correct and the redirect URI matches exactly, then try the connection again.',
  },
  UDAPI10005: {
    code: 'UPSTOX_RATE_LIMITED', title: T.upstoxError, httpStatus: 429,
    message: 'Upstox is rate limiting requests from this account.', nextStep: RETRY_LATER,
  },
  UDAPI100015: upstoxError('Upstox does not support the API version that was requested.'),
  UDAPI100050: {
    code: 'TOKEN_INVALID', title: T.connectionFailed, httpStatus: 401,
    message: 'The Upstox access token is invalid, expired or revoked.', nextStep: RECONNECT,
  },
  // The extended token itself is fine (it still reads what it may): not a dead token, never retried.
  UDAPI100067: {
    code: 'EXTENDED_TOKEN_NOT_PERMITTED', title: T.requestRefused, httpStatus: 403,
    message: 'Upstox does not allow this request with the read-only extended token (UDAPI100067); it needs the daily access token.',
    nextStep: 'Reconnect to Upstox with the Connect button to get a new daily access token, then try again.',
  },
  UDAPI100036: invalid('Upstox rejected the input as invalid.', 'request'),
  UDAPI100038: invalid('Upstox rejected the input passed to the API as invalid.', 'request'),
  UDAPI100073: {
    code: 'CLIENT_INACTIVE', title: T.authorizationFailed, httpStatus: 400,
    message: 'Your Upstox app (client_id) is inactive.',
    nextStep: 'Verify your Upstox app is active in the developer portal, then connect again.',
  },
  UDAPI100500: {
    code: 'UPSTOX_UNAVAILABLE', title: T.upstoxError, httpStatus: 503,
    message: 'Upstox had an internal error.', nextStep: RETRY_LATER,
  },
  UDAPI100060: upstoxError('Upstox does not know the requested resource.'),

  // ---- login / auth
  UDAPI100068: {
    code: 'REDIRECT_URI_MISMATCH', title: T.authorizationFailed, httpStatus: 400,
    message: "Upstox says the API key (client_id) or the redirect URI is wrong: the redirect URI must match the one in your Upstox app settings exactly.",
    nextStep: 'Check your redirect URI: copy it byte for byte into your Upstox app settings (e.g. http://localhost:5000/callback) and check the API key.',
  },
  UDAPI1017: invalid('The API key is required.', 'apiKey'),
  UDAPI1018: invalid('The redirect URI is required.', 'redirectUri'),
  UDAPI1022: {
    code: 'AUTH_CODE_INVALID', title: T.authorizationFailed, httpStatus: 400,
    message: 'Upstox did not receive an authorization code.', nextStep: 'Try the connection process again.',
  },
  UDAPI1024: invalid('The API secret is required.', 'apiSecret'),

  // ---- orders (UDAPI1023 is "Order id is required" here and "Grant type is required" at login)
  UDAPI1004: invalid('A valid order type is required.', 'orderType'),
  UDAPI1007: invalid('Validity is required.', 'validity'),
  UDAPI1055: invalid('The validity is invalid.', 'validity'),
  UDAPI1056: invalid('The order type is invalid.', 'orderType'),
  UDAPI1010: invalid("The order id may contain only letters, digits and '-'.", 'orderId'),
  UDAPI1023: invalid('The order id is required.', 'orderId'),
  UDAPI100010: {
    code: 'ORDER_NOT_FOUND', title: T.upstoxError, httpStatus: 404,
    message: 'Upstox does not know this order id.', nextStep: 'Refresh the order book and pick the order again.',
  },
  UDAPI100040: {
    code: 'ORDER_NOT_CANCELLABLE', title: T.orderRejected, httpStatus: 409,
    message: 'The order is already cancelled, rejected or complete, so it cannot be cancelled.',
    nextStep: 'Refresh the order book to see its final status.',
  },
  UDAPI100041: {
    code: 'ORDER_NOT_MODIFIABLE', title: T.orderRejected, httpStatus: 409,
    message: 'The order is already cancelled, rejected or complete, so it cannot be modified.',
    nextStep: 'Refresh the order book to see its final status.',
  },
  UDAPI100049: {
    code: 'ACCOUNT_RESTRICTED', title: T.upstoxError, httpStatus: 403,
    message: 'Upstox restricts order APIs for this account (Upstox points businesses to Uplink Business).',
    nextStep: 'Contact Upstox support about API order access for your account.',
  },
  UDAPI1026: invalid('The instrument key is missing or invalid.', 'instrumentKey'),
  UDAPI1052: invalid('The order quantity cannot be zero.', 'quantity'),
  UDAPI1118: rejected('The order would be sliced into more than 25 orders.', 'Reduce the quantity and place the order again.'),
  UDAPI1119: invalid('The tag may be at most 40 characters.', 'tag'),
  UDAPI1154: {
    code: 'STATIC_IP_REQUIRED', title: T.upstoxError, httpStatus: 403,
    message: 'Upstox accepts order requests only from your registered static IP, and this request came from another address.',
    nextStep: 'Register this machine\u2019s public IP as your static IP in the Upstox developer console, or run the desk from the registered address.',
  },
  UDAPI1156: rejected('Upstox rejected the algo name (X-Algo-Name) of the order.', 'Check the algo name registered in your Upstox app.'),
  UDAPI1158: {
    code: 'VALIDATION_FAILED', title: T.invalidInput, httpStatus: 400, field: 'marketProtection',
    message: 'Upstox refuses MARKET and SL-M orders sent without market protection (exchange rules since 1 April 2026).',
    nextStep: 'Choose a market protection (automatic, or 0-25 %) and place the order again; the desk sends automatic (-1) unless UPSTOX_MARKET_PROTECTION says otherwise.',
  },
  UDAPI1159: invalid('Market protection may be at most 25%.', 'marketProtection'),
  UDAPI1161: rejected('Upstox has temporarily disabled MCX orders through the API.', 'Place the order later or through the Upstox app.'),
  UDAPI100039: rejected('After-market orders cannot be placed during market hours.', 'Untick AMO and place a regular order.'),
  UDAPI100074: {
    code: 'SERVICE_WINDOW_CLOSED', title: T.upstoxError, httpStatus: 503,
    message: 'Upstox order APIs are available only from 05:30 to 24:00 IST.', nextStep: 'Try again after 05:30 IST.',
  },
  UDAPI100057: rejected('The market is closed.', 'Place the order during market hours, or as an after-market order (AMO).'),
  UDAPI1105: invalid('The segment is invalid.', 'segment'),
  UDAPI1108: rejected('There is no open position to exit.', 'Refresh your positions.'),
  UDAPI1109: rejected('There are too many open positions to exit at once.', 'Exit positions in smaller groups.'),

  // ---- data / account
  UDAPI1009: invalid('The symbol is required.', 'symbol'),
  UDAPI1011: invalid('The symbol has an invalid format.', 'symbol'),
  UDAPI100011: invalid('Upstox does not know this instrument key.', 'instrumentKey'),
  UDAPI1027: invalid('The interval is required.', 'interval'),
  UDAPI1028: invalid('The interval is invalid.', 'interval'),
  UDAPI100042: invalid('At most 500 instrument keys may be requested at once.', 'instrumentKeys'),
  UDAPI1019: invalid('The segment is invalid.', 'segment'),
  UDAPI100072: {
    code: 'SERVICE_WINDOW_CLOSED', title: T.upstoxError, httpStatus: 503,
    message: 'The Upstox funds service is available only from 05:30 to 24:00 IST.', nextStep: 'Try again after 05:30 IST.',
  },
  UDAPI1181: upstoxError('Upstox rejected the kill-switch request.', 'Check the kill switch in the Upstox app.'),
  UDAPI1184: {
    code: 'UPSTOX_ERROR', title: T.requestRefused, httpStatus: 409,
    message: 'Upstox disables a segment only when it has no open positions.', nextStep: 'Close the open positions of that segment, then turn its kill switch on again.',
  },
  UDAPI1185: {
    code: 'UPSTOX_ERROR', title: T.requestRefused, httpStatus: 409,
    message: 'Upstox does not enable the segment again yet: a segment disabled by the kill switch stays off for 12 hours (cooling period).',
    nextStep: 'Try again once 12 hours have passed since the segment was disabled.',
  },
  UDAPI1186: upstoxError('Upstox rejected the kill-switch request.', 'Check the kill switch in the Upstox app.'),
  UDAPI1187: upstoxError('Upstox rejected the kill-switch request.', 'Check the kill switch in the Upstox app.'),
  UDAPI1188: upstoxError('Upstox rejected the kill-switch request.', 'Check the kill switch in the Upstox app.'),
};

/** Login-context overrides: at the token endpoint UDAPI1023 means "grant type is required". */
export const UPSTOX_LOGIN_ERROR_CODES: Readonly<Record<string, UpstoxErrorSpec>> = {
  UDAPI1023: invalid('The grant type is required.', 'grantType'),
};

/** Upstox field names (property_path) -> the names of our request bodies. */
export const UPSTOX_FIELD_NAMES: Readonly<Record<string, string>> = {
  instrument_token: 'instrumentKey',
  instrument_key: 'instrumentKey',
  transaction_type: 'transactionType',
  order_type: 'orderType',
  trigger_price: 'triggerPrice',
  disclosed_quantity: 'disclosedQuantity',
  is_amo: 'isAmo',
  order_id: 'orderId',
  market_protection: 'marketProtection',
  client_id: 'apiKey',
  client_secret: 'apiSecret',
  redirect_uri: 'redirectUri',
  grant_type: 'grantType',
};
