import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideDesk } from '@desk/web/shell';

/** No router: the desk's two pages follow the address bar through `DeskNavigation` (App shows its page). */
export const appConfig: ApplicationConfig = {
  providers: [provideBrowserGlobalErrorListeners(), provideZonelessChangeDetection(), provideDesk()],
};
