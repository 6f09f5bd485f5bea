import { expect, test, type Desk } from './support/desk';
import { E2E } from './support/e2e-env';
import { closeWithPlacedOrderId, fillOrder, openOrder, openPlaceOrder, orderRow, placeOrder, reviewOrder } from './support/orders-ui';
import { sim } from './support/sim';

/** The simulator's demo rows used here (libs/upstox/simulator/src/lib/market/instruments.ts). */
const CRUDE_OIL_MINI = { key: 'MCX_FO|430000', search: 'CRUDEOILM', symbol: 'CRUDEOILM FUT', lotSize: 10 } as const;
/** A weekly NIFTY call: lot 75, freeze quantity 1800 units (24 lots). */
const NIFTY_CALL = { key: 'NSE_FO|48215', search: 'NIFTY 25900 CE', symbol: 'NIFTY 25900 CE', lotSize: 75, freeze: 1800 } as const;
/** One of the simulator's SEEDED_HOLDINGS (10 shares in demat). */
const INFY = { search: 'INFY', symbol: 'INFY' } as const;

async function connected(desk: Desk): Promise<void> {
  await desk.connectWithMintedToken();
  await desk.page.reload();
  await desk.expectConnected();
  await expect(desk.ordersSection().getByTestId('orders-empty')).toHaveText('No orders today');
}

/** A POST to the simulator's control API, which must succeed. */
async function simControl<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${E2E.simUrl}/__sim/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as T;
}

/** The date of the simulator's instrument file (its Last-Modified), as the simulator itself reports it. */
async function simInstrumentFileDate(): Promise<string | null> {
  const response = await fetch(`${E2E.simUrl}/__sim/instrument-file`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { date: string | null }).date;
}

/** "29 Nov, 06:00 IST", computed here from the ISO date (not with the product's formatter). */
function istDayAndTime(iso: string): string {
  const ist = new Date(Date.parse(iso) + 330 * 60_000);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${ist.getUTCDate()} ${months[ist.getUTCMonth()]}, ${two(ist.getUTCHours())}:${two(ist.getUTCMinutes())} IST`;
}

test.describe('Upstox contract fixes in the browser (issue 9 items 1, b, c, d)', () => {
  test.beforeEach(async ({ desk }) => {
    await connected(desk);
  });

  test('the Place Order dialog shows the date of the instrument list it searches', async ({ desk }) => {
    const dialog = await openPlaceOrder(desk);
    const line = dialog.getByTestId('instrument-list-status');
    // Reading the status starts the list's download when none is loaded yet; the line follows it to the date.
    await expect(line).toHaveText(/^Instrument list from the simulator, dated /);
    const date = await simInstrumentFileDate();
    expect(date, 'the simulator served its instrument file').not.toBeNull();
    await expect(line).toHaveText(`Instrument list from the simulator, dated ${istDayAndTime(date as string)}.`);
  });

  test('an MCX future is confirmed in units and lots, sent as lots, and shown as 10 units', async ({ desk }) => {
    const dialog = await openPlaceOrder(desk);
    await fillOrder(dialog, { search: CRUDE_OIL_MINI.search, symbol: CRUDE_OIL_MINI.symbol, type: 'MARKET', quantity: 10 });
    await expect(dialog.getByTestId('lot-size-hint')).toContainText('Lot size 10');
    await reviewOrder(dialog);
    await expect(dialog.getByTestId('summary-quantity')).toHaveText('10 (1 lot of 10)');
    await expect(dialog.getByTestId('summary-symbol')).toContainText(CRUDE_OIL_MINI.key);
    await expect(dialog.getByTestId('summary-split')).toHaveCount(0);
    await dialog.getByTestId('confirm-order').click();
    const orderId = await closeWithPlacedOrderId(dialog);

    // Upstox takes MCX quantities in lots (CONTRACT §5.1): the simulator turns the wire's lots into units, so 10 units
    // here means 1 lot was sent (10 lots would be 100).
    const atSim = (await sim.orders()).filter((o) => o.order_id === orderId);
    expect(atSim.map((o) => o.quantity)).toEqual([10]);
    const row = orderRow(desk, orderId);
    await expect(row).toHaveAttribute('data-status-class', 'complete');
    await expect(row).toContainText('10/10');
    await expect(row).toHaveAttribute('aria-label', /^BUY 10 CRUDEOILM FUT .* MARKET, complete$/);
  });

  test('an order above the freeze quantity is announced as split, and Upstox places it as that many orders', async ({ desk }) => {
    // 50 lots = 3750 units; at most 24 lots (1800) per order: 1800 + 1800 + 150. A LIMIT well below the market
    // rests open, so the funds check passes (3750 x 100 < the demo balance).
    const dialog = await openPlaceOrder(desk);
    await fillOrder(dialog, { search: NIFTY_CALL.search, symbol: NIFTY_CALL.symbol, type: 'LIMIT', quantity: 3750, price: 100, product: 'I' });
    await reviewOrder(dialog);
    await expect(dialog.getByTestId('summary-quantity')).toHaveText('3750 (50 lots of 75)');
    await expect(dialog.getByTestId('summary-split')).toHaveText("This order will be split into 3 orders of at most 1800 (the exchange's freeze quantity is 1800).");
    expect(await sim.placeCount()).toBe(0); // nothing is sent before Confirm
    await dialog.getByTestId('confirm-order').click();

    const ids = dialog.getByTestId('placed-order-id');
    await expect(ids).toHaveCount(3);
    const placedIds = (await ids.allTextContents()).map((text) => text.trim());
    for (const id of placedIds) expect(id).toMatch(/^\d{15}$/);
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(dialog).toBeHidden();

    expect(await sim.placeCount()).toBe(1); // one place request, sliced by Upstox
    const atSim = (await sim.orders()).filter((o) => placedIds.includes(o.order_id));
    expect(atSim.map((o) => o.quantity).sort((a, b) => b - a)).toEqual([1800, 1800, 150]);
    expect(atSim.map((o) => o.status)).toEqual(['open', 'open', 'open']);
    for (const id of placedIds) await expect(orderRow(desk, id)).toHaveAttribute('data-status-class', 'working');
  });

  test.describe('a delivery sell without the CDSL TPIN authorisation', () => {
    test.afterEach(async () => {
      await simControl('demat', { tpin_authorised: true });
    });

    test('is rejected and the order details say how to authorise it', async ({ desk }) => {
      const demat = await simControl<{ ddpi: boolean; tpin_authorised: boolean }>('demat', { tpin_authorised: false });
      expect(demat).toEqual({ ddpi: false, tpin_authorised: false });

      const orderId = await placeOrder(desk, { ...INFY, side: 'SELL', type: 'MARKET', quantity: 1, product: 'D' });
      const row = orderRow(desk, orderId);
      await expect(row).toHaveAttribute('data-status-class', 'rejected');
      const atSim = (await sim.orders()).find((o) => o.order_id === orderId);
      expect(atSim?.status).toBe('rejected');

      const details = await openOrder(desk, orderId);
      await expect(details.getByTestId('order-status-message')).toContainText('CDSL TPIN authorisation is required');
      await expect(details.getByTestId('order-status-next-step')).toHaveText(
        'Authorise the sale with your CDSL TPIN and OTP in the Upstox app (Portfolio > Holdings > Authorise), then place it again.',
      );
    });
  });
});
