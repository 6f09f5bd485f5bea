import { TestBed } from '@angular/core/testing';
import { ApiErrorBody } from '@desk/contracts';
import { ErrorCallout } from './error-callout';

describe('ErrorCallout', () => {
  async function render(error: ApiErrorBody | null, compact = false): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(ErrorCallout);
    fixture.componentRef.setInput('error', error);
    fixture.componentRef.setInput('compact', compact);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('compact: title, reason and next step in one short alert, without the ids', async () => {
    const el = await render(
      { code: 'INTERNAL_ERROR', title: 'Connection Failed', message: 'Upstox Desk could not reach its api: the request got no answer.', nextStep: 'Check that `npm start` is still running.', requestId: 'req-1' },
      true,
    );
    const alert = el.querySelector('[role="alert"]');
    expect(alert?.getAttribute('data-compact')).toBe('true');
    expect(alert?.querySelector('[data-testid="error-title"]')?.textContent).toBe('Connection Failed');
    expect(alert?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Connection Failed: Upstox Desk could not reach its api: the request got no answer. Check that `npm start` is still running.',
    );
    expect(el.querySelectorAll('p')).toHaveLength(1);
  });

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

  it('says a single invalid field once: the api puts its message in both the message and the field list', async () => {
    const tick = 'Price must be a multiple of the tick size ₹0.05.';
    const el = await render({
      code: 'VALIDATION_FAILED', title: 'Invalid input', message: tick, nextStep: 'Correct the fields listed and submit again.',
      details: [{ field: 'price', message: tick }], requestId: 'r',
    });
    expect(el.querySelector('.callout__fields')).toBeNull();
    expect(el.textContent?.split(tick)).toHaveLength(2);
    // Two fields: the message counts them, the list names each.
    const two = await render({
      code: 'VALIDATION_FAILED', title: 'Invalid input', message: '2 fields are invalid.', requestId: 'r',
      details: [{ field: 'price', message: tick }, { field: 'quantity', message: 'Quantity must be at least 1.' }],
    });
    expect(Array.from(two.querySelectorAll('.callout__fields li')).map((li) => li.textContent)).toEqual([tick, 'Quantity must be at least 1.']);
  });

  it('renders nothing without an error', async () => {
    const el = await render(null);
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });
});
