import { DeskError, ERROR_TITLES } from '@desk/contracts';
import { validationFailed } from './validation';

/** The errors the core's guards answer with; one place so messages stay consistent. */
export const GuardErrors = {
  sessionRequired: () =>
    new DeskError({
      code: 'SESSION_REQUIRED',
      title: ERROR_TITLES.notAuthenticated,
      httpStatus: 401,
      message: 'Sign in to the dashboard first.',
      nextStep: 'Open the login link the server printed at start (also in DATA_DIR/login-token), or send an API key as "Authorization: Bearer <key>".',
    }),
  /** The sign-in form's token is not this server's: said as such, not as "sign in first" to someone signing in. */
  loginTokenWrong: (tokenFile: string) =>
    new DeskError({
      code: 'SESSION_REQUIRED',
      title: ERROR_TITLES.notAuthenticated,
      httpStatus: 401,
      message: 'That login token is not the one this server uses.',
      nextStep: `Copy it again from ${tokenFile} (npm start prints its path under the sign-in link), or open that link.`,
    }),
  apiKeyInvalid: () =>
    new DeskError({
      code: 'API_KEY_INVALID',
      title: ERROR_TITLES.notAuthenticated,
      httpStatus: 401,
      message: 'The API key is unknown or was revoked.',
      nextStep: "Create a new API key in the dashboard's API keys panel.",
    }),
  scopeMissing: (scope: string) =>
    new DeskError({
      code: 'API_KEY_SCOPE',
      title: ERROR_TITLES.requestRefused,
      httpStatus: 403,
      message: `This API key lacks the "${scope}" scope.`,
      nextStep: `Create a key with the "${scope}" scope for this request.`,
    }),
  sessionOnly: () =>
    new DeskError({
      code: 'API_KEY_SCOPE',
      title: ERROR_TITLES.requestRefused,
      httpStatus: 403,
      message: 'This action is only available from the dashboard itself, not with an API key.',
      nextStep: 'Do it in the dashboard.',
    }),
  originRefused: (reason: string) =>
    new DeskError({
      code: 'ORIGIN_REFUSED',
      title: ERROR_TITLES.requestRefused,
      httpStatus: 403,
      message: 'Request refused: it did not come from the dashboard.',
      logDetail: reason,
    }),
  hostRefused: (host: string) =>
    new DeskError({
      code: 'ORIGIN_REFUSED',
      title: ERROR_TITLES.requestRefused,
      httpStatus: 403,
      message: 'Request refused: unknown Host. Open the dashboard at http://localhost:<port>/.',
      nextStep: 'To use another host name, add it to DESK_ALLOWED_HOSTS.',
      logDetail: `host not allowed: ${JSON.stringify(host.slice(0, 100))}`,
    }),
  csrfFailed: () =>
    new DeskError({
      code: 'CSRF_FAILED',
      title: ERROR_TITLES.requestRefused,
      httpStatus: 403,
      message: 'Request refused: the X-XSRF-TOKEN header is missing or does not match the XSRF-TOKEN cookie.',
      nextStep: 'Reload the dashboard and try again.',
    }),
  unsupportedMediaType: () =>
    new DeskError({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      title: ERROR_TITLES.requestRefused,
      httpStatus: 415,
      message: 'Request bodies must be JSON (Content-Type: application/json).',
    }),
  rateLimited: (retryAfterSeconds: number) =>
    new DeskError({
      code: 'RATE_LIMITED',
      title: ERROR_TITLES.requestRefused,
      httpStatus: 429,
      message: `Too many requests. Try again in ${retryAfterSeconds} s.`,
      details: { retryAfterSeconds },
    }),
  forbiddenKey: (key: string) =>
    validationFailed([{ field: key, message: `"${key}" is not allowed` }], { message: `The request body may not contain the key "${key}".` }),
  bodyTooDeep: (maxDepth: number) =>
    validationFailed([{ field: '(body)', message: `nested more than ${maxDepth} levels deep` }], {
      message: `The request body is nested more than ${maxDepth} levels deep.`,
      nextStep: 'Send the flat JSON object the route documents (see /api/docs).',
    }),
  payloadTooLarge: (limit: string) =>
    new DeskError({
      code: 'VALIDATION_FAILED',
      title: ERROR_TITLES.invalidInput,
      httpStatus: 413,
      message: `The request body is larger than ${limit}.`,
    }),
};
