import { Dialog } from '@angular/cdk/dialog';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideFakeEventSources, FakeEventSources } from '@desk/web/events/testing';
import { provideDeskHttp } from '@desk/web/http';
import { QuotesStore } from '@desk/web/market';
import { CHART_LIBRARY } from '@desk/web/market/chart';
import { position, positionsView } from '../../testing/portfolio-fixtures';
import { PortfolioStore } from '../portfolio-store';
import { PositionsPanel } from './positions-panel';

const wait = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
const TCS = position({
  instrumentKey: 'NSE_EQ|INE467B01029',
  tradingSymbol: 'TCS',
  product: 'I',
  quantity: -5,
  buyQuantity: 0,
  buyPrice: 0,
  buyValue: 0,
  sellQuantity: 5,
  sellPrice: 4000,
  sellValue: 20000,
  lastPrice: 4012.35,
});
const RELIANCE = position({ quantity: 10, lastPrice: 2534.5 });
const CLOSED = position({ instrumentKey: 'NSE_EQ|INE040A01034', tradingSymbol: 'HDFCBANK', quantity: 0, sellQuantity: 10, sellPrice: 2490, sellValue: 24900, lastPrice: 2480 });

describe('PositionsPanel', () => {
  let fixture: ComponentFixture<PositionsPanel>;
  let el: HTMLElement;
  let backend: HttpTestingController;
  let store: PortfolioStore;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideDeskHttp(),
        provideHttpClientTesting(),
        provideFakeEventSources(new FakeEventSources()),
        // jsdom has no canvas: the chart's drawing library never loads here (the chart's own spec fakes it).
        { provide: CHART_LIBRARY, useValue: () => new Promise(() => undefined) },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(PortfolioStore);
    fixture = TestBed.createComponent(PositionsPanel);
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => {
    TestBed.inject(Dialog).closeAll();
    store.deactivate();
    // What the Place Order dialog opened by Exit reads besides the instrument: its own specs test those.
    backend.match((r) => r.url === '/api/instruments/status' || r.url === '/api/orders/kill-switch' || r.url.startsWith('/api/market/'));
    backend.verify();
  });

  const stable = async () => {
    await wait();
    await fixture.whenStable();
  };
  const text = (selector: string) => el.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

  async function showPositions(positions = [RELIANCE, TCS, CLOSED]): Promise<void> {
    fixture.componentRef.setInput('connected', true);
    const loading = store.positions.load();
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="positions-loading"]')?.textContent).toContain('Loading positions');
    backend.expectOne('/api/positions').flush(positionsView(positions));
    await loading;
    await stable();
  }

  const symbols = () => Array.from(el.querySelectorAll('[data-testid="position-row"] th')).map((c) => c.textContent?.trim());
  const header = (label: string) =>
    Array.from(el.querySelectorAll<HTMLButtonElement>('thead button')).find((b) => b.textContent?.replace(/[▲▼]/g, '').trim() === label) as HTMLButtonElement;

  it('moves LTP and P&L with a quote, flashing green up and red down', async () => {
    await showPositions([RELIANCE]);
    const quotes = TestBed.inject(QuotesStore);
    const quote = (lastPrice: number) => ({ instrumentKey: RELIANCE.instrumentKey, lastPrice, closePrice: null, change: null, changePercent: null, tradedAt: null });
    const pnl = () => el.querySelector('[data-testid="position-pnl"]') as HTMLElement;
    expect(pnl().textContent?.trim()).toBe('+₹345.00');
    quotes.apply([quote(2540)]);
    await stable();
    expect(text('[data-testid="position-ltp"]')).toBe('₹2,540.00');
    expect(pnl().textContent?.trim()).toBe('+₹400.00');
    expect(pnl().classList).toContain('flash--up');
    expect(text('[data-testid="positions-total-pnl"]')).toBe('+₹400.00');
    quotes.apply([quote(2490)]);
    await stable();
    expect(pnl().textContent?.trim()).toBe('−₹100.00');
    expect(pnl().classList).toContain('flash--down');
    expect(pnl().classList).not.toContain('flash--up');
  });

  it('Chart opens the day chart of the row\'s instrument', async () => {
    await showPositions([RELIANCE]);
    (el.querySelector('button[aria-label="Chart RELIANCE"]') as HTMLButtonElement).click();
    await stable();
    const dialog = document.querySelector('[data-testid="chart-dialog"]');
    expect(dialog?.querySelector('.dialog__title')?.textContent?.trim()).toBe('RELIANCE chart');
    backend.expectOne({ method: 'POST', url: '/api/market/interest' }).flush({ id: 'L1', instrumentKeys: [RELIANCE.instrumentKey], expiresAt: '', quotes: [] });
    const candles = backend.expectOne((r) => r.url === '/api/market/candles');
    expect(candles.request.params.get('instrumentKey')).toBe(RELIANCE.instrumentKey);
    candles.flush({ instrumentKey: RELIANCE.instrumentKey, interval: '1minute', candles: [], asOf: '' });
    await stable();
    TestBed.inject(Dialog).closeAll();
    await stable();
    backend.expectOne({ method: 'DELETE', url: '/api/market/interest/L1' }).flush(null);
  });

  it('says why it is empty: not connected, or no positions today', async () => {
    await fixture.whenStable();
    expect(text('[data-testid="positions-empty"]')).toBe("Connect Upstox to see today's positions.");
    await showPositions([]);
    expect(text('[data-testid="positions-empty"]')).toBe('No open positions today');
    expect(el.querySelector('[data-testid="positions-empty"]')?.getAttribute('data-reason')).toBe('none');
  });

  it('shows an error with its next step and a way to try again', async () => {
    fixture.componentRef.setInput('connected', true);
    const loading = store.positions.load();
    backend.expectOne('/api/positions').flush(
      { code: 'UPSTOX_UNAVAILABLE', title: 'Upstox error', message: 'Upstox did not answer in time.', nextStep: 'Try again in a minute.', requestId: 'r' },
      { status: 503, statusText: 'x' },
    );
    await loading;
    await stable();
    expect(text('[data-testid="error-message"]')).toBe('Upstox did not answer in time.');
    expect(text('[data-testid="error-next-step"]')).toContain('Try again in a minute.');
    expect(el.querySelector('[data-testid="positions-empty"]')).toBeNull();
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Try again')?.click();
    backend.expectOne('/api/positions').flush(positionsView([RELIANCE]));
    await stable();
    expect(el.querySelectorAll('[data-testid="position-row"]')).toHaveLength(1);
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows each column, P&L with its sign and colour class, and the totals', async () => {
    await showPositions();
    const row = el.querySelector('[data-testid="position-row"][data-instrument-key="NSE_EQ|INE002A01018"]') as HTMLElement;
    const cells = Array.from(row.querySelectorAll('td')).map((c) => c.textContent?.trim());
    expect(cells.slice(0, 8)).toEqual(['D', '10', '₹2,500.00', '—', '₹2,534.50', '+₹345.00', '₹0.00', '+₹345.00']);
    const tcsPnl = el.querySelector('[data-instrument-key="NSE_EQ|INE467B01029"] [data-testid="position-pnl"]') as HTMLElement;
    expect(tcsPnl.textContent?.trim()).toBe('−₹61.75');
    expect(tcsPnl.classList).toContain('pnl--down');
    expect(row.querySelector('[data-testid="position-pnl"]')?.classList).toContain('pnl--up');
    // 345 − 61.75 + closed HDFCBANK realised (−100)
    expect(text('[data-testid="positions-total-pnl"]')).toBe('+₹183.25');
    expect(text('[data-testid="positions-total-realised"]')).toBe('−₹100.00');
    expect(text('[data-testid="positions-total-unrealised"]')).toBe('+₹283.25');
  });

  it('sorts by any column from keyboard-reachable header buttons, with aria-sort', async () => {
    await showPositions();
    expect(symbols()).toEqual(['HDFCBANK NSE', 'RELIANCE NSE', 'TCS NSE']);
    expect(header('Instrument').closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    expect(header('Day P&L').tagName).toBe('BUTTON');

    header('Day P&L').click();
    await stable();
    expect(symbols()).toEqual(['RELIANCE NSE', 'TCS NSE', 'HDFCBANK NSE']);
    expect(header('Day P&L').closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(header('Instrument').closest('th')?.hasAttribute('aria-sort')).toBe(false);

    header('Day P&L').click();
    await stable();
    expect(symbols()).toEqual(['HDFCBANK NSE', 'TCS NSE', 'RELIANCE NSE']);
    expect(header('Day P&L').closest('th')?.getAttribute('aria-sort')).toBe('ascending');
  });

  it('Exit opens Place Order with the opposite side and the whole quantity; a closed row has no Exit', async () => {
    await showPositions();
    const exitButton = (symbol: string) =>
      Array.from(el.querySelectorAll<HTMLButtonElement>('[data-testid="position-row"] button')).find((b) => b.getAttribute('aria-label')?.startsWith(`Exit ${symbol}`)) as HTMLButtonElement;
    expect(exitButton('HDFCBANK').disabled).toBe(true);
    expect(exitButton('TCS').getAttribute('aria-label')).toBe('Exit TCS Intraday');

    exitButton('TCS').click();
    await stable();
    const dialog = document.querySelector('[data-testid="place-order-dialog"]') as HTMLElement;
    expect(dialog.querySelector('[data-testid="order-prefill"]')?.textContent).toContain('Exit position: BUY 5 TCS (Intraday)');
    expect(Array.from(dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked')).map((r) => r.value)).toContain('BUY');
    expect(dialog.querySelector<HTMLInputElement>('#po-quantity')?.value).toBe('5');
    expect(dialog.querySelector<HTMLSelectElement>('#po-product')?.value).toBe('I');
    backend.expectOne((r) => r.url === '/api/instruments' && r.params.get('query') === 'TCS').flush({ instruments: [], source: 'none' });
    await stable();
    backend.expectNone((r) => r.method === 'POST');
  });

  it('disables Exit, as Place Order is, while the connection is read-only or the desk gives no answer', async () => {
    await showPositions();
    const exitButton = (symbol: string) =>
      Array.from(el.querySelectorAll<HTMLButtonElement>('[data-testid="position-row"] button')).find((b) => b.getAttribute('aria-label')?.startsWith(`Exit ${symbol}`)) as HTMLButtonElement;
    expect(exitButton('TCS').disabled).toBe(false);

    fixture.componentRef.setInput('readOnly', true);
    await stable();
    expect(exitButton('TCS').disabled).toBe(true);
    expect(exitButton('TCS').title).toBe('Reconnect to trade');
    expect(exitButton('TCS').getAttribute('aria-label')).toBe('Exit TCS Intraday: Reconnect to trade');

    fixture.componentRef.setInput('deskUnreachable', true);
    await stable();
    expect(exitButton('TCS').title).toBe('Upstox Desk is not answering: check that `npm start` is still running.');
    // A closed position keeps its own reason.
    expect(exitButton('HDFCBANK').title).toBe('This position is closed.');

    fixture.componentRef.setInput('readOnly', false);
    fixture.componentRef.setInput('deskUnreachable', false);
    await stable();
    expect(exitButton('TCS').disabled).toBe(false);
  });
});
