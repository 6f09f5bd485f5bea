import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { ApiRequestError } from '@desk/web/http';
import { catchError, throwError } from 'rxjs';
import { DeskNavigation } from '../navigation/desk-navigation';

/** When the dashboard session ends mid-use (api restarted, signed out elsewhere), go to sign-in. */
export const sessionExpiredInterceptor: HttpInterceptorFn = (request, next) => {
  const navigation = inject(DeskNavigation);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof ApiRequestError &&
        error.body.code === 'SESSION_REQUIRED' &&
        !request.url.startsWith('/api/session')
      ) {
        void navigation.go('/sign-in');
      }
      return throwError(() => error);
    }),
  );
};
