import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideDeskHttp } from '@desk/web/http';
import { DeskNavigation } from '../navigation/desk-navigation';
import { SignInPage } from './sign-in-page';

describe('SignInPage', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    history.replaceState(null, '', '/');
  });

  async function render() {
    const fixture = TestBed.createComponent(SignInPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const input = el.querySelector<HTMLInputElement>('#sign-in-token') as HTMLInputElement;
    const submit = () => el.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    return { fixture, el, input, submit };
  }

  it('explains how to sign in', async () => {
    const { el } = await render();
    expect(el.textContent).toContain('Open the sign-in link printed by npm start (it works once), or paste the login token.');
    expect(el.textContent).toContain('login-token file in the data folder');
  });

  it('never signs in with a token or link from the address, and drops them from it', async () => {
    history.replaceState(null, '', '/sign-in?token=lasting-token-in-a-url&link=nonce#x');
    const entries = history.length;
    await render();
    await new Promise((resolve) => setTimeout(resolve, 0));
    backend.expectNone('/api/session');
    expect(location.pathname + location.search + location.hash).toBe('/sign-in');
    expect(history.length).toBe(entries);
  });

  it('posts the pasted token and opens the dashboard', async () => {
    const navigate = jest.spyOn(TestBed.inject(DeskNavigation), 'go').mockResolvedValue(true);
    const { input, submit } = await render();
    input.value = '  abc123  ';
    input.dispatchEvent(new Event('input'));
    submit();
    const post = backend.expectOne({ method: 'POST', url: '/api/session' });
    expect(post.request.body).toEqual({ token: 'abc123' });
    post.flush({ authenticated: true, via: 'session' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(navigate).toHaveBeenCalledWith('/');
    expect(input.value).toBe('');
  });

  it('shows why a wrong token was refused', async () => {
    const { fixture, el, input, submit } = await render();
    input.value = 'wrong';
    input.dispatchEvent(new Event('input'));
    submit();
    backend.expectOne('/api/session').flush(
      { code: 'SESSION_REQUIRED', title: 'Not authenticated', message: 'That login token is not valid.', nextStep: 'Copy the token again from the npm start output.', requestId: 'r' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('That login token is not valid.');
  });

  it('asks for a token instead of sending an empty one', async () => {
    const { fixture, el, submit } = await render();
    submit();
    await fixture.whenStable();
    expect(el.querySelector('#sign-in-token-error')?.textContent).toContain('Paste the login token');
    backend.expectNone('/api/session');
  });
});
