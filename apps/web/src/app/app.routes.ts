import { Route } from '@angular/router';
import { deskRoutes } from '@desk/web/shell';

export const appRoutes: Route[] = deskRoutes;
