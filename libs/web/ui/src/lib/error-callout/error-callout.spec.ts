import { TestBed } from '@angular/core/testing';
import { ApiErrorBody } from '@desk/contracts';
import { ErrorCallout } from './error-callout';

describe('ErrorCallout', () => {
  async function render(error: ApiErrorBody | null): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(ErrorCallout);
    fixture.componentRef.setInput('error', error);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows the title, the concrete reason, field errors and the next step as an alert', async () => {
    const el = await render({
      code: 'REDIRECT_URI_MISMATCH',
      title: 'Authorization Failed',
      message: 'The redirect URI does not match the one in your Upstox app.',
      nextStep: 'Set it to http://localhost:5000/callback exactly.',
      upstoxCode: 'UDAPI100068',
      details: [{ field: 'redirectUri', message: 'Redirect URI must be a URL.' }],
      requestId: 'req-9',
    });
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.querySelector('[data-testid="error-title"]')?.textContent).toBe('Authorization Failed');
    expect(alert?.textContent).toContain('does not match the one in your Upstox app');
    expect(alert?.textContent).toContain('Redirect URI must be a URL.');
    expect(alert?.querySelector('[data-testid="error-next-step"]')?.textContent).toContain('http://localhost:5000/callback');
    expect(alert?.textContent).toContain('UDAPI100068');
    expect(alert?.textContent).toContain('req-9');
  });

  it('renders nothing without an error', async () => {
    const el = await render(null);
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });
});
