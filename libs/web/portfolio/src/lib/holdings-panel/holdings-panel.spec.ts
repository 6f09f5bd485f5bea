import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { DeskEvents } from '@desk/web/events';
import { FakeEventSources, goLive, provideFakeEventSources } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { holding, holdingsView } from '../../testing/portfolio-fixtures';
import { PortfolioStore } from '../portfolio-store';
import { HoldingsPanel } from './holdings-panel';

const wait = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
const INFY = holding({ quantity: 20, t1Quantity: 5, averagePrice: 1400, closePrice: 1500, lastPrice: 1520 });
const ITC = holding({ instrumentKey: 'NSE_EQ|INE154A01025', isin: 'INE154A01025', tradingSymbol: 'ITC', companyName: 'ITC LTD', quantity: 100, averagePrice: 450, closePrice: 430, lastPrice: 420 });
const UNPRICED = holding({ instrumentKey: 'BSE_EQ|INE000X01010', isin: 'INE000X01010', tradingSymbol: 'XYZ', companyName: 'XYZ LTD', quantity: 3, averagePrice: 100, lastPrice: null });

describe('HoldingsPanel', () => {
  let fixture: ComponentFixture<HoldingsPanel>;
  let el: HTMLElement;
  let backend: HttpTestingController;
  let store: PortfolioStore;
  let fakes: FakeEventSources;

  beforeEach(() => {
    fakes = new FakeEventSources();
    TestBed.configureTestingModule({ providers: [provideDeskHttp(), provideHttpClientTesting(), provideFakeEventSources(fakes)] });
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(PortfolioStore);
    fixture = TestBed.createComponent(HoldingsPanel);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('connected', true);
  });

  afterEach(() => {
    store.deactivate();
    TestBed.inject(DeskEvents).stop();
    // Quote re-reads after the stream opens are the QuotesStore's (its own spec).
    backend.match((r) => r.url === '/api/market/quotes');
    backend.verify();
  });

  const stable = async () => {
    await wait();
    await fixture.whenStable();
  };
  const text = (selector: string) => el.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

  async function showHoldings(holdings = [INFY, ITC, UNPRICED]): Promise<void> {
    const loading = store.holdings.load();
    backend.expectOne('/api/holdings').flush(holdingsView(holdings));
    await loading;
    await stable();
  }

  it('says "No holdings in this account" when there are none; "Not available" in the sandbox is information, not an alarm', async () => {
    await showHoldings([]);
    expect(text('[data-testid="holdings-empty"]')).toBe('No holdings in this account');

    store.deactivate();
    const loading = store.holdings.load();
    backend.expectOne('/api/holdings').flush(
      { code: 'NOT_AVAILABLE_IN_SANDBOX', title: 'Upstox error', message: 'Holdings are not available in the Upstox sandbox.', nextStep: 'Use the simulator or a live connection to see holdings.', requestId: 'r' },
      { status: 400, statusText: 'x' },
    );
    await loading;
    await stable();
    expect(el.querySelector('[role="alert"]')?.classList).toContain('callout--info');
    expect(text('[data-testid="error-next-step"]')).toContain('Use the simulator');
    expect(el.querySelector('[data-testid="holdings-empty"]')).toBeNull();
  });

  it('shows quantity with T1, average cost, LTP, value, P&L and day change with signs; totals leave out the unpriced', async () => {
    await showHoldings();
    const infy = el.querySelector('[data-testid="holding-row"][data-instrument-key="NSE_EQ|INE009A01021"]') as HTMLElement;
    expect(Array.from(infy.querySelectorAll('td')).map((c) => c.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '20 +5 T1',
      '₹1,400.00',
      '₹1,520.00',
      '₹38,000.00',
      '+₹3,000.00',
      '+₹500.00 (+1.33%)',
      'Chart',
    ]);
    const itcPnl = el.querySelector('[data-instrument-key="NSE_EQ|INE154A01025"] [data-testid="holding-pnl"]') as HTMLElement;
    expect(itcPnl.textContent?.trim()).toBe('−₹3,000.00');
    expect(itcPnl.classList).toContain('pnl--down');
    expect(text('[data-testid="holdings-total-pnl"]')).toBe('₹0.00');
    expect(el.querySelector('[data-testid="holdings-total-pnl"]')?.classList).toContain('pnl--flat');
    expect(text('[data-testid="holdings-total-value"]')).toBe('₹80,000.00');
    expect(text('[data-testid="holdings-total-invested"]')).toBe('Invested ₹80,300.00');
    expect(text('[data-testid="holdings-totals"]')).toContain('1 without a last price');
  });

  it('sorts by P&L from the header', async () => {
    await showHoldings();
    const pnl = Array.from(el.querySelectorAll<HTMLButtonElement>('thead button')).find((b) => b.textContent?.trim() === 'P&L') as HTMLButtonElement;
    pnl.click();
    await stable();
    const keys = () => Array.from(el.querySelectorAll('[data-testid="holding-row"]')).map((r) => r.getAttribute('data-instrument-key'));
    expect(keys()).toEqual(['NSE_EQ|INE009A01021', 'NSE_EQ|INE154A01025', 'BSE_EQ|INE000X01010']);
    expect(pnl.closest('th')?.getAttribute('aria-sort')).toBe('descending');
  });

  it('updates a row live from a holding event and says "Live"', async () => {
    store.activate();
    backend.expectOne('/api/positions').flush({ positions: [], totals: { realised: 0, unrealised: 0, pnl: 0, unpriced: 0 }, asOf: '', source: 'stream' });
    backend.expectOne('/api/holdings').flush(holdingsView([INFY]));
    await stable();
    const source = goLive(TestBed.inject(DeskEvents), fakes);
    backend.match((r) => r.url === '/api/positions' || r.url === '/api/holdings').forEach((r) =>
      r.flush(r.request.url === '/api/holdings' ? holdingsView([INFY]) : { positions: [], totals: { realised: 0, unrealised: 0, pnl: 0, unpriced: 0 }, asOf: '', source: 'stream' }),
    );
    await stable();
    source.emit('holding', holding({ ...INFY, lastPrice: 1600 }), 12);
    await stable();
    expect(text('[data-testid="holding-ltp"]')).toBe('₹1,600.00');
    expect(text('[data-testid="holdings-updated"]')).toBe('Live');
  });
});
