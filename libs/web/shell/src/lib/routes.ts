import { Routes } from '@angular/router';
import { sessionGuard } from './session/session.guard';

/** Pages load lazily so the first paint (and the sign-in page) stays small. */
export const deskRoutes: Routes = [
  {
    path: '',
    canActivate: [sessionGuard],
    title: 'Upstox Desk',
    loadComponent: () => import('./dashboard/dashboard-page').then((m) => m.DashboardPage),
  },
  {
    path: 'sign-in',
    title: 'Sign in · Upstox Desk',
    loadComponent: () => import('./sign-in/sign-in-page').then((m) => m.SignInPage),
  },
  { path: '**', redirectTo: '' },
];
