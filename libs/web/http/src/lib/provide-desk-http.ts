import {
  HttpInterceptorFn,
  provideHttpClient,
  withInterceptors,
  withXsrfConfiguration,
} from '@angular/common/http';
import { EnvironmentProviders } from '@angular/core';
import { CSRF_COOKIE, CSRF_HEADER } from '@desk/contracts';
import { apiErrorInterceptor } from './api-error.interceptor';

/**
 * HttpClient as the api expects it: the XSRF cookie echoed in a header on every state change,
 * and errors mapped to ApiErrorBody. `outer` interceptors see the mapped ApiRequestError.
 */
export function provideDeskHttp(outer: HttpInterceptorFn[] = []): EnvironmentProviders {
  return provideHttpClient(
    withXsrfConfiguration({ cookieName: CSRF_COOKIE, headerName: CSRF_HEADER }),
    withInterceptors([...outer, apiErrorInterceptor]),
  );
}
