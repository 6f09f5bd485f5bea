import { APP_BASE_HREF } from '@angular/common';
import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideDesk } from '@desk/web/shell';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideDesk(),
    // No <base> element: the api's CSP has `base-uri 'none'`. Assets use absolute URLs (deployUrl '/').
    { provide: APP_BASE_HREF, useValue: '/' },
  ],
};
