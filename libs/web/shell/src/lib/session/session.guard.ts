import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { SessionStore } from './session-store';

/** The dashboard needs a dashboard session; without one, the sign-in page explains how to get it. */
export const sessionGuard: CanActivateFn = async () => {
  const router = inject(Router);
  const result = await inject(SessionStore).check();
  return result === 'signed-in' ? true : router.createUrlTree(['/sign-in']);
};
