import { DIALOG_DATA, Dialog } from '@angular/cdk/dialog';
import { ApplicationRef, Component, Injector, Type, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DIALOG_LOAD_FAILURE_TEXT, openLazyDialog } from './open-lazy-dialog';

@Component({
  selector: 'desk-test-dialog',
  template: `<p data-testid="test-dialog">Dialog for {{ data.orderId }}</p>`,
})
class TestDialog {
  protected readonly data = inject<{ orderId: string }>(DIALOG_DATA);
}

@Component({ selector: 'desk-other-test-dialog', template: `<p data-testid="other-test-dialog">Other dialog</p>` })
class OtherTestDialog {}

/** A dialog's code that arrives when the test says so (the chunk is still on the wire). */
function slowLoad<T>() {
  let arrive!: (type: T) => void;
  let fail!: (error: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    arrive = resolve;
    fail = reject;
  });
  return { load: () => promise, arrive, fail };
}

/** What the browser rejects `import()` with when the chunk is gone (new build) or the network dropped. */
const chunkGone = () => new TypeError('Failed to fetch dynamically imported module: http://localhost:5000/chunk-OLD.js');

describe('openLazyDialog', () => {
  const open = (loader: () => Promise<Type<TestDialog>>, orderId = '250101000000001') =>
    openLazyDialog<unknown, { orderId: string }, TestDialog>(TestBed.inject(Injector), loader, {
      data: { orderId },
      ariaLabel: 'Test dialog',
    });
  const alerts = () => document.querySelectorAll('[role="alert"]');
  /** What the open dialog shows, once rendered. */
  const dialogText = async () => {
    await TestBed.inject(ApplicationRef).whenStable();
    return document.querySelector('[data-testid="test-dialog"]')?.textContent;
  };

  afterEach(() => {
    TestBed.inject(Dialog).closeAll();
    alerts().forEach((alert) => alert.remove());
  });

  it('opens the dialog once its code is loaded, with no alert', async () => {
    const ref = await open(async () => TestDialog);

    expect(ref.componentInstance).toBeInstanceOf(TestDialog);
    expect(TestBed.inject(Dialog).openDialogs).toHaveLength(1);
    expect(await dialogText()).toBe('Dialog for 250101000000001');
    expect(alerts()).toHaveLength(0);
  });

  it('when the code cannot be loaded, tells the trader what happened and offers Reload, and opens nothing', async () => {
    await expect(open(() => Promise.reject(chunkGone()))).rejects.toThrow('Failed to fetch dynamically imported module');

    expect(alerts()).toHaveLength(1);
    const alert = alerts()[0] as HTMLElement;
    expect(alert.querySelector('p')?.textContent).toBe(
      'The dashboard was updated or the connection dropped, so this window could not open. Reload the page to continue.',
    );
    const reload = alert.querySelector('button');
    expect(reload?.textContent).toBe('Reload');
    expect(reload?.type).toBe('button');
    // First in the page: the first Tab reaches Reload. Styled by the global callout and button classes (both themes).
    expect(document.body.firstElementChild).toBe(alert);
    expect(alert.className).toBe('callout callout--warn');
    expect(reload?.className).toContain('btn--primary');
    expect(TestBed.inject(Dialog).openDialogs).toHaveLength(0);
    expect(document.querySelector('.cdk-overlay-pane')).toBeNull();
  });

  it('Reload reloads the page', async () => {
    await expect(open(() => Promise.reject(chunkGone()))).rejects.toThrow();
    // jsdom cannot reload (its location is read-only): it reports the navigation it was asked for as not implemented.
    const jsdomErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      document.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
      expect(jsdomErrors).toHaveBeenCalledTimes(1);
      expect(String(jsdomErrors.mock.calls[0][0])).toContain('Not implemented: navigation');
    } finally {
      jsdomErrors.mockRestore();
    }
  });

  it('the next click after a failure loads again, opens the dialog and clears the alert', async () => {
    const loader = jest.fn<Promise<Type<TestDialog>>, []>().mockRejectedValueOnce(chunkGone()).mockResolvedValueOnce(TestDialog);

    await expect(open(loader)).rejects.toThrow();
    expect(alerts()).toHaveLength(1);

    await open(loader);
    expect(loader).toHaveBeenCalledTimes(2);
    expect(await dialogText()).toBe('Dialog for 250101000000001');
    expect(alerts()).toHaveLength(0);
  });

  it('failing again shows one alert, not one per click', async () => {
    await expect(open(() => Promise.reject(chunkGone()))).rejects.toThrow();
    await expect(open(() => Promise.reject(chunkGone()))).rejects.toThrow();

    expect(alerts()).toHaveLength(1);
    expect(alerts()[0].textContent).toContain(DIALOG_LOAD_FAILURE_TEXT);
  });

  it('a double click while the code is loading opens one dialog, and both clicks resolve with it', async () => {
    const chunk = slowLoad<Type<TestDialog>>();
    const first = open(chunk.load);
    const second = open(chunk.load);
    chunk.arrive(TestDialog);

    const [firstRef, secondRef] = await Promise.all([first, second]);
    expect(secondRef).toBe(firstRef);
    expect(TestBed.inject(Dialog).openDialogs).toHaveLength(1);
    expect(await dialogText()).toBe('Dialog for 250101000000001');
  });

  it('a click on another order while the code is loading shows that order, the last one clicked', async () => {
    const chunk = slowLoad<Type<TestDialog>>();
    const first = open(chunk.load, '250101000000001');
    const second = open(chunk.load, '250101000000002');
    chunk.arrive(TestDialog);

    const [firstRef, secondRef] = await Promise.all([first, second]);
    expect(firstRef).toBe(secondRef);
    expect(TestBed.inject(Dialog).openDialogs).toHaveLength(1);
    expect(await dialogText()).toBe('Dialog for 250101000000002');
  });

  it('three quick clicks of one kind, with another dialog clicked between them: one of each, the last click shown', async () => {
    const chunk = slowLoad<Type<TestDialog>>();
    const a = open(chunk.load, '250101000000001');
    const other = openLazyDialog(TestBed.inject(Injector), async () => OtherTestDialog, { ariaLabel: 'Other' });
    const b = open(chunk.load, '250101000000002');
    const c = open(chunk.load, '250101000000003');
    chunk.arrive(TestDialog);

    const [aRef, otherRef, bRef, cRef] = await Promise.all([a, other, b, c]);
    expect(new Set([aRef, bRef, cRef]).size).toBe(1);
    expect(TestBed.inject(Dialog).openDialogs).toEqual([otherRef, cRef]);
    expect(await dialogText()).toBe('Dialog for 250101000000003');
  });

  it('once the dialog is open, the next open (after it closed) opens a new one', async () => {
    const firstRef = await open(async () => TestDialog);
    firstRef.close();
    const secondRef = await open(async () => TestDialog);

    expect(secondRef).not.toBe(firstRef);
    expect(TestBed.inject(Dialog).openDialogs).toEqual([secondRef]);
  });

  it('another dialog clicked while one is loading still opens, after it', async () => {
    const chunk = slowLoad<Type<TestDialog>>();
    const first = open(chunk.load);
    const other = openLazyDialog(TestBed.inject(Injector), async () => OtherTestDialog, { ariaLabel: 'Other' });
    chunk.arrive(TestDialog);

    const [firstRef, otherRef] = await Promise.all([first, other]);
    expect(TestBed.inject(Dialog).openDialogs).toEqual([firstRef, otherRef]);
    expect(otherRef.componentInstance).toBeInstanceOf(OtherTestDialog);
  });

  it('two clicks whose load fails both reject, with one alert; the next click opens', async () => {
    const chunk = slowLoad<Type<TestDialog>>();
    const first = open(chunk.load);
    const second = open(chunk.load);
    chunk.fail(chunkGone());

    await expect(first).rejects.toThrow('Failed to fetch dynamically imported module');
    await expect(second).rejects.toThrow('Failed to fetch dynamically imported module');
    expect(alerts()).toHaveLength(1);
    expect(TestBed.inject(Dialog).openDialogs).toHaveLength(0);

    await open(async () => TestDialog);
    expect(TestBed.inject(Dialog).openDialogs).toHaveLength(1);
    expect(alerts()).toHaveLength(0);
  });
});
