export { ApiRequestError, errorStatus, gotNoAnswer, toApiErrorBody } from './lib/api-error';
export { apiErrorInterceptor } from './lib/api-error.interceptor';
export { provideDeskHttp } from './lib/provide-desk-http';
export { type ActionResult, RequestState, RequestStatus, attempt } from './lib/request-state';
