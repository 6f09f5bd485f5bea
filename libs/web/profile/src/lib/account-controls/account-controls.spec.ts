import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { STATIC_IP_REGISTRATION_STEPS, StaticIpView, UpstoxKillSwitchSegmentState } from '@desk/contracts';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, goLive, provideFakeEventSources } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { ProfilePanel } from '../profile-panel/profile-panel';
import { KillSwitchStore } from './kill-switch-store';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function staticIp(view: Partial<StaticIpView> = {}): StaticIpView {
  return {
    environment: 'live', available: true, primaryIp: '203.0.113.10', secondaryIp: '198.51.100.7',
    primaryIpUpdatedAt: '2026-04-01T10:00:00Z', secondaryIpUpdatedAt: null, missing: false, readAt: '2026-12-01T04:00:00Z', ...view,
  };
}

function segments(engaged: string[] = []): UpstoxKillSwitchSegmentState[] {
  return ['NSE_EQ', 'BSE_EQ', 'NSE_FO', 'MCX_FO'].map((segment) => ({
    segment, segmentActive: segment !== 'MCX_FO', killSwitchEngaged: engaged.includes(segment),
  }));
}

describe('AccountControls in the account panel: static IPs and both kill switches', () => {
  let backend: HttpTestingController;
  let fixture: ComponentFixture<ProfilePanel>;
  let el: HTMLElement;
  let fakes: FakeEventSources;

  beforeEach(() => {
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideFakeEventSources(fakes), provideDeskHttp(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
    backend.verify();
  });

  const q = (selector: string, root: ParentNode = el) => root.querySelector(selector) as HTMLElement | null;
  const stable = async () => {
    await wait(0);
    await fixture.whenStable();
  };

  /** The panel connected: the static IPs, then (unless the sandbox) Upstox's kill switch, and the desk's switch. */
  async function render(ip: StaticIpView, upstox: UpstoxKillSwitchSegmentState[] | null = segments()): Promise<void> {
    fixture = TestBed.createComponent(ProfilePanel);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('connected', true);
    await fixture.whenStable();
    backend.expectOne('/api/profile/static-ip').flush(ip);
    backend.expectOne('/api/orders/kill-switch').flush({ enabled: false, updatedAt: null });
    await stable();
    if (upstox) backend.expectOne('/api/profile/kill-switch').flush(upstox);
    await stable();
  }

  function segmentRow(segment: string): HTMLElement {
    const row = q(`[data-testid="kill-switch-segment"][data-segment="${segment}"]`);
    if (!row) throw new Error(`no row for ${segment}`);
    return row;
  }

  function dialog(): HTMLElement {
    const found = document.querySelector('[data-testid="kill-switch-dialog"]') as HTMLElement | null;
    if (!found) throw new Error('the kill switch dialog is not open');
    return found;
  }

  function type(value: string): void {
    const input = dialog().querySelector('#kill-switch-confirm-name') as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it('shows the registered primary and secondary IPs', async () => {
    await render(staticIp());
    expect(q('[data-testid="static-ip-primary"]')?.textContent).toBe('203.0.113.10');
    expect(q('[data-testid="static-ip-secondary"]')?.textContent).toBe('198.51.100.7');
    expect(q('[data-testid="static-ip-missing"]')).toBeNull();
  });

  it('says "No static IP registered" with the registration steps when Upstox has none', async () => {
    await render(staticIp({ primaryIp: null, secondaryIp: null, primaryIpUpdatedAt: null, missing: true }));
    expect(q('[data-testid="static-ip-missing"]')?.textContent).toContain('No static IP registered');
    const steps = Array.from(el.querySelectorAll('[data-testid="static-ip-registration-steps"] li')).map((li) => li.textContent?.trim());
    expect(steps).toEqual([...STATIC_IP_REGISTRATION_STEPS]);
    expect(q('[data-testid="static-ips"]')).toBeNull();
  });

  it('in the sandbox says the static IP and kill switch are not available, and never asks for Upstox\'s kill switch', async () => {
    await render(staticIp({ environment: 'sandbox', available: false, primaryIp: null, secondaryIp: null, missing: false }), null);
    expect(q('[data-testid="account-controls-sandbox"]')?.textContent).toContain(
      "The static IP and Upstox's kill switch are not available in the Upstox sandbox.",
    );
    expect(q('[data-testid="upstox-kill-switch"]')).toBeNull();
    backend.expectNone('/api/profile/kill-switch');
  });

  it('shows each segment of Upstox\'s kill switch next to the desk\'s own switch', async () => {
    await render(staticIp(), segments(['NSE_FO']));
    expect(q('[data-testid="desk-kill-switch-state"]')?.textContent).toBe('Off: orders allowed');
    expect(segmentRow('NSE_EQ').getAttribute('data-state')).toBe('on');
    expect(segmentRow('NSE_FO').getAttribute('data-state')).toBe('off');
    expect(segmentRow('NSE_FO').textContent).toContain('Trading off (Upstox kill switch engaged)');
    expect(segmentRow('MCX_FO').textContent).toContain('Not activated');
    expect(segmentRow('MCX_FO').querySelector('button')).toBeNull();
  });

  it('keeps the static IPs and both kill switches last read in view under the panel\'s one short note when the api gives no answer', async () => {
    await render(staticIp(), segments(['NSE_FO']));
    (el.querySelector('button[aria-label="Refresh account"]') as HTMLButtonElement).click();
    const noAnswer = (url: string) => backend.expectOne(url).error(new ProgressEvent('error'), { status: 0 });
    noAnswer('/api/profile/static-ip?refresh=true');
    noAnswer('/api/orders/kill-switch');
    await stable();
    noAnswer('/api/profile/kill-switch');
    await stable();
    // The panel's own profile and funds: the profile panel's spec covers those.
    backend.match((r) => r.url === '/api/profile' || r.url === '/api/funds').forEach((r) => r.error(new ProgressEvent('error'), { status: 0 }));
    await stable();
    // The panel says it once (the profile panel's spec); the controls add no copy of their own.
    expect(q('desk-account-controls')?.querySelectorAll('[data-testid="error-callout"]').length).toBe(0);
    const notes = Array.from(el.querySelectorAll('[data-testid="error-callout"]'));
    expect(notes.map((n) => n.getAttribute('data-compact'))).toEqual(['true']);
    expect(q('[data-testid="static-ip-primary"]')?.textContent).toBe('203.0.113.10');
    expect(q('[data-testid="desk-kill-switch"]')?.getAttribute('data-state')).toBe('off');
    expect(segmentRow('NSE_FO').getAttribute('data-state')).toBe('off');
  });

  it("shows the desk's switch turned on in another tab at once, without a new read", async () => {
    await render(staticIp());
    goLive(TestBed.inject(DeskEvents), fakes).emit('kill-switch', { enabled: true, updatedAt: '2026-12-01T06:00:00.000Z' }, 9);
    await stable();
    expect(q('[data-testid="desk-kill-switch-state"]')?.textContent).toBe('On: the desk refuses new orders and modifications');
    backend.expectNone('/api/orders/kill-switch');
  });

  it('keeps an event that lands while a read of the switch is on its way, over the older answer', async () => {
    await render(staticIp());
    const read = TestBed.inject(KillSwitchStore).loadDesk();
    goLive(TestBed.inject(DeskEvents), fakes).emit('kill-switch', { enabled: true, updatedAt: '2026-12-01T06:00:00.000Z' }, 9);
    backend.expectOne('/api/orders/kill-switch').flush({ enabled: false, updatedAt: '2026-12-01T05:00:00.000Z' });
    await read;
    await stable();
    expect(q('[data-testid="desk-kill-switch-state"]')?.textContent).toBe('On: the desk refuses new orders and modifications');
  });

  it('turning NSE_EQ off refuses a wrong name, and sends DISABLE only once NSE_EQ is typed', async () => {
    await render(staticIp());
    (segmentRow('NSE_EQ').querySelector('button') as HTMLButtonElement).click();
    await stable();
    expect(dialog().textContent).toContain('12-hour cooling period');
    expect(dialog().textContent).toContain('Upstox cancels every pending order in NSE_EQ');

    type('BSE_EQ');
    (dialog().querySelector('[data-testid="kill-switch-confirm"]') as HTMLButtonElement).click();
    await stable();
    backend.expectNone('/api/profile/kill-switch');
    expect(dialog().querySelector('[data-testid="kill-switch-mismatch"]')?.textContent).toContain('That is not NSE_EQ');

    type('NSE_EQ');
    (dialog().querySelector('[data-testid="kill-switch-confirm"]') as HTMLButtonElement).click();
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/profile/kill-switch');
    expect(post.request.body).toEqual({ segment: 'NSE_EQ', action: 'DISABLE' });
    post.flush(segments(['NSE_EQ']));
    await stable();
    expect(document.querySelector('[data-testid="kill-switch-dialog"]')).toBeNull();
    expect(segmentRow('NSE_EQ').getAttribute('data-state')).toBe('off');
  });

  it('turning a segment on again is a plain confirmation; a 409 cooling period shows the message and next step', async () => {
    await render(staticIp(), segments(['NSE_EQ']));
    (segmentRow('NSE_EQ').querySelector('button') as HTMLButtonElement).click();
    await stable();
    expect(dialog().querySelector('#kill-switch-confirm-name')).toBeNull();
    (dialog().querySelector('[data-testid="kill-switch-confirm"]') as HTMLButtonElement).click();
    const post = backend.expectOne((r) => r.method === 'POST' && r.url === '/api/profile/kill-switch');
    expect(post.request.body).toEqual({ segment: 'NSE_EQ', action: 'ENABLE' });
    post.flush(
      {
        code: 'UPSTOX_ERROR', title: 'Request refused', upstoxCode: 'UDAPI1185', requestId: 'r',
        message: 'Upstox does not enable the segment again yet: a segment disabled by the kill switch stays off for 12 hours (cooling period).',
        nextStep: 'Try again once 12 hours have passed since the segment was disabled.',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await stable();
    expect(dialog().querySelector('[data-testid="error-message"]')?.textContent).toContain('stays off for 12 hours (cooling period)');
    expect(dialog().querySelector('[data-testid="error-next-step"]')?.textContent).toContain('Try again once 12 hours have passed');
    expect(segmentRow('NSE_EQ').getAttribute('data-state')).toBe('off');
  });

  it('turns the desk\'s own kill switch on', async () => {
    await render(staticIp());
    (q('[data-testid="desk-kill-switch"] button') as HTMLButtonElement).click();
    const put = backend.expectOne((r) => r.method === 'PUT' && r.url === '/api/orders/kill-switch');
    expect(put.request.body).toEqual({ enabled: true });
    put.flush({ enabled: true, updatedAt: '2026-12-01T04:00:00Z' });
    await stable();
    expect(q('[data-testid="desk-kill-switch-state"]')?.textContent).toContain('On: the desk refuses new orders');
  });
});
