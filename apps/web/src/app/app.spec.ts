import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { provideDesk } from '@desk/web/shell';
import { App } from './app';
import { appRoutes } from './app.routes';

describe('App', () => {
  it('sends a browser without a dashboard session to the sign-in page', async () => {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter(appRoutes), provideDesk(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(App);
    const router = TestBed.inject(Router);
    const backend = TestBed.inject(HttpTestingController);
    const navigation = router.navigateByUrl('/');
    await new Promise((resolve) => setTimeout(resolve, 0));
    backend.expectOne('/api/session').flush(
      { code: 'SESSION_REQUIRED', title: 'Not authenticated', message: 'Sign in first.', requestId: 'r' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await navigation;
    await fixture.whenStable();
    expect(router.url).toBe('/sign-in');
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent).toContain('Open the sign-in link printed by npm start (it works once), or paste the login token.');
    expect(el.querySelector('label[for="sign-in-token"]')?.textContent).toBe('Login token');
    backend.verify();
  });
});
