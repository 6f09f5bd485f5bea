import { EnvironmentProviders } from '@angular/core';
import { provideDeskHttp } from '@desk/web/http';
import { sessionExpiredInterceptor } from './session/session-expired.interceptor';

/** Everything the dashboard needs from the app config. */
export function provideDesk(): EnvironmentProviders {
  return provideDeskHttp([sessionExpiredInterceptor]);
}
