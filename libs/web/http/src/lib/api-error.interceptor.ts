import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { catchError, throwError } from 'rxjs';
import { ApiRequestError, httpErrorToBody, isNoAnswer } from './api-error';

/**
 * Turns every failed response into an ApiRequestError carrying ApiErrorBody, so each store can
 * show the user a title, the concrete reason and the next step without parsing HTTP itself.
 */
export const apiErrorInterceptor: HttpInterceptorFn = (request, next) =>
  next(request).pipe(
    catchError((error: unknown) =>
      throwError(() =>
        error instanceof HttpErrorResponse ? new ApiRequestError(httpErrorToBody(error), error.status, isNoAnswer(error)) : error,
      ),
    ),
  );
