import { TestBed } from '@angular/core/testing';
import { UpstoxEnvironment } from '@desk/contracts';
import { EnvironmentBadge } from './environment-badge';

describe('EnvironmentBadge', () => {
  async function render(environment: UpstoxEnvironment | null, simulated: boolean): Promise<Element | null> {
    const fixture = TestBed.createComponent(EnvironmentBadge);
    fixture.componentRef.setInput('environment', environment);
    fixture.componentRef.setInput('simulated', simulated);
    await fixture.whenStable();
    return (fixture.nativeElement as HTMLElement).querySelector('[data-testid="environment-badge"]');
  }

  it('marks the simulator unmistakably as SIMULATED', async () => {
    const badge = await render('simulator', true);
    expect(badge?.textContent).toContain('SIMULATED');
    expect(badge?.textContent).toContain('Simulator');
    expect(badge?.classList).toContain('env-badge--simulator');
  });

  it('labels live and sandbox with the guide words', async () => {
    expect((await render('live', false))?.textContent?.trim()).toBe('Live');
    expect((await render('sandbox', false))?.textContent?.trim()).toBe('Upstox sandbox');
  });

  it('shows nothing before an environment is known', async () => {
    expect(await render(null, false)).toBeNull();
  });
});
