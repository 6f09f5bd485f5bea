import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideDeskHttp } from '@desk/web/http';
import { DashboardPage } from '../dashboard/dashboard-page';
import { SignInPage } from '../sign-in/sign-in-page';
import { DeskNavigation, targetOf } from './desk-navigation';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const address = () => location.pathname + location.search + location.hash;
/** Back or Forward, as the browser does it: the entry changes, then popstate (a task later in jsdom). */
async function traverse(move: () => void): Promise<void> {
  const popped = new Promise((resolve) => addEventListener('popstate', resolve, { once: true }));
  move();
  await popped;
}
const SIGNED_IN = { authenticated: true, via: 'session' };
const SIGNED_OUT = { authenticated: false };

describe('targetOf', () => {
  it('knows the two pages; any other path is the dashboard at /, with its query and fragment', () => {
    expect(targetOf('/')).toEqual({ path: '/', url: '/' });
    expect(targetOf('/sign-in?x=1')).toEqual({ path: '/sign-in', url: '/sign-in?x=1' });
    expect(targetOf('/sign-in/')).toEqual({ path: '/sign-in', url: '/sign-in' });
    expect(targetOf('/orders/1?link=n#f')).toEqual({ path: '/', url: '/?link=n#f' });
    expect(targetOf('/Sign-In')).toEqual({ path: '/', url: '/' });
  });
});

describe('DeskNavigation', () => {
  let backend: HttpTestingController;
  let navigation: DeskNavigation;
  let stop: () => void;

  function open(url: string): void {
    history.replaceState(null, '', url);
    navigation = TestBed.inject(DeskNavigation);
    stop = navigation.start();
  }

  /** Answers the session check the dashboard makes before it shows. */
  async function answerSession(body: object): Promise<void> {
    await tick();
    backend.expectOne({ method: 'GET', url: '/api/session' }).flush(body);
    await tick();
    await tick();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    document.title = 'Upstox Desk';
  });

  afterEach(() => {
    stop();
    backend.verify();
    history.replaceState(null, '', '/');
  });

  it('opens the dashboard at / with a session, in the same history entry', async () => {
    const entries = history.length;
    open('/');
    expect(navigation.component()).toBeNull(); // nothing until the api said yes
    await answerSession(SIGNED_IN);
    expect(navigation.component()).toBe(DashboardPage);
    expect(address()).toBe('/');
    expect(document.title).toBe('Upstox Desk');
    expect(history.length).toBe(entries);
  });

  it('shows the sign-in page at /sign-in instead of / without a session, replacing the entry', async () => {
    const entries = history.length;
    open('/?x=1');
    await answerSession(SIGNED_OUT);
    expect(navigation.component()).toBe(SignInPage);
    expect(address()).toBe('/sign-in');
    expect(document.title).toBe('Sign in · Upstox Desk');
    expect(history.length).toBe(entries);
  });

  it('sends a browser to sign-in when the api cannot be reached', async () => {
    open('/');
    await tick();
    backend.expectOne('/api/session').flush('down', { status: 502, statusText: 'Bad Gateway' });
    await tick();
    await tick();
    expect(navigation.path()).toBe('/sign-in');
    expect(address()).toBe('/sign-in');
  });

  it('opens /sign-in without asking for a session, and an unknown path as /', async () => {
    open('/sign-in/');
    await tick();
    backend.expectNone('/api/session');
    expect(navigation.component()).toBe(SignInPage);
    expect(address()).toBe('/sign-in');
    stop();

    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    open('/no/such/page?q=1#main');
    await answerSession(SIGNED_IN);
    expect(navigation.path()).toBe('/');
    expect(address()).toBe('/?q=1#main');
  });

  it('signing in opens the dashboard as a new entry; Back shows sign-in again, Forward re-checks the session', async () => {
    open('/sign-in');
    await tick();
    const entries = history.length;
    const going = navigation.go('/');
    await answerSession(SIGNED_IN);
    expect(await going).toBe(true);
    expect(navigation.path()).toBe('/');
    expect(address()).toBe('/');
    expect(history.length).toBe(entries + 1);

    await traverse(() => history.back());
    await tick();
    expect(address()).toBe('/sign-in');
    expect(navigation.path()).toBe('/sign-in');
    backend.expectNone('/api/session');

    await traverse(() => history.forward());
    await answerSession(SIGNED_OUT); // signed out elsewhere meanwhile: Forward lands on sign-in, in that entry
    expect(navigation.path()).toBe('/sign-in');
    expect(address()).toBe('/sign-in');
    expect(history.length).toBe(entries + 1);
  });

  it('a fragment on the page on screen (the skip link) neither re-checks the session nor reloads the page', async () => {
    open('/');
    await answerSession(SIGNED_IN);
    history.pushState(null, '', '/#main');
    dispatchEvent(new PopStateEvent('popstate'));
    await tick();
    backend.expectNone('/api/session');
    expect(navigation.path()).toBe('/');
    expect(address()).toBe('/#main');
  });

  it('a newer navigation wins over one still waiting for the api, and going where the page already is does nothing', async () => {
    open('/');
    await tick();
    const signOut = navigation.go('/sign-in'); // e.g. the session ended while the first check was out
    expect(await signOut).toBe(true);
    backend.expectOne('/api/session').flush(SIGNED_IN); // the late answer changes nothing
    await tick();
    await tick();
    expect(navigation.path()).toBe('/sign-in');
    expect(address()).toBe('/sign-in');

    const entries = history.length;
    expect(await navigation.go('/sign-in')).toBe(true);
    expect(history.length).toBe(entries);
  });
});
