import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideDeskHttp } from '@desk/web/http';
import { SessionStore } from './session-store';

describe('SessionStore.check', () => {
  let store: SessionStore;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting()] });
    store = TestBed.inject(SessionStore);
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  it("reads the api's 200 {authenticated: false} as signed out, with no error to show", async () => {
    const pending = store.check();
    backend.expectOne('/api/session').flush({ authenticated: false, via: null });
    expect(await pending).toBe('signed-out');
    expect(store.error()).toBeNull();
  });

  it('reads {authenticated: true} as signed in', async () => {
    const pending = store.check();
    backend.expectOne('/api/session').flush({ authenticated: true, via: 'session' });
    expect(await pending).toBe('signed-in');
  });

  it('says the api is unreachable (and why) when it answers with a server error', async () => {
    const pending = store.check();
    backend
      .expectOne('/api/session')
      .flush({ code: 'INTERNAL_ERROR', title: 'Request refused', message: 'Something went wrong on the server.', requestId: 'r1' }, { status: 500, statusText: 'Server Error' });
    expect(await pending).toBe('unreachable');
    expect(store.error()?.message).toBe('Something went wrong on the server.');
  });
});
