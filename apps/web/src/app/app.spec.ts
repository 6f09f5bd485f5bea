import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideDesk } from '@desk/web/shell';
import { App } from './app';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('App', () => {
  afterEach(() => history.replaceState(null, '', '/'));

  it('sends a browser without a dashboard session to the sign-in page', async () => {
    history.replaceState(null, '', '/');
    TestBed.configureTestingModule({ imports: [App], providers: [provideDesk(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(App);
    const backend = TestBed.inject(HttpTestingController);
    await tick();
    backend.expectOne('/api/session').flush(
      { code: 'SESSION_REQUIRED', title: 'Not authenticated', message: 'Sign in first.', requestId: 'r' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await tick();
    await tick();
    await fixture.whenStable();
    expect(location.pathname).toBe('/sign-in');
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('a.skip-link')?.getAttribute('href')).toBe('#main');
    expect(el.querySelector('desk-sign-in-page')).not.toBeNull();
    expect(el.textContent).toContain('Open the sign-in link printed by npm start (it works once), or paste the login token.');
    expect(el.querySelector('label[for="sign-in-token"]')?.textContent).toBe('Login token');
    backend.verify();
  });
});
