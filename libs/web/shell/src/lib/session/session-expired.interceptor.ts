import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { ApiRequestError } from '@desk/web/http';
import { catchError, throwError } from 'rxjs';

/** When the dashboard session ends mid-use (api restarted, signed out elsewhere), go to sign-in. */
export const sessionExpiredInterceptor: HttpInterceptorFn = (request, next) => {
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof ApiRequestError &&
        error.body.code === 'SESSION_REQUIRED' &&
        !request.url.startsWith('/api/session')
      ) {
        void router.navigate(['/sign-in']);
      }
      return throwError(() => error);
    }),
  );
};
