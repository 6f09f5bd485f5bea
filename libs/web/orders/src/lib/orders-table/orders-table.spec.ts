import { TestBed } from '@angular/core/testing';
import { Order } from '@desk/contracts';
import { order } from '../../testing/orders-fixtures';
import { OrdersTable } from './orders-table';

describe('OrdersTable', () => {
  async function render(orders: Order[]) {
    const fixture = TestBed.createComponent(OrdersTable);
    fixture.componentRef.setInput('orders', orders);
    const opened: Order[] = [];
    fixture.componentInstance.opened.subscribe((o) => opened.push(o));
    await fixture.whenStable();
    return { el: fixture.nativeElement as HTMLElement, opened };
  }

  it('shows each column, with rupees, filled/total and IST time', async () => {
    const { el } = await render([
      order({ orderType: 'SL', price: 2490.5, triggerPrice: 2495, averagePrice: 0, filledQuantity: 4, quantity: 10, status: 'trigger pending', statusMessage: 'Waiting for trigger' }),
    ]);
    const cells = Array.from(el.querySelectorAll('[data-testid="order-row"] [role="cell"]')).map((c) => c.textContent?.trim());
    expect(cells).toEqual([
      '10:15:00 IST',
      'RELIANCE',
      'BUY',
      'SL',
      'D',
      '4/10',
      '₹2,490.50',
      '₹2,495.00',
      '—',
      'trigger pending',
      'Waiting for trigger',
    ]);
  });

  it('labels the time column as the last update, since Upstox moves an order\'s time with every change', async () => {
    const { el } = await render([order({ placedAt: '2026-11-28T10:15:00+05:30' })]);
    expect(el.querySelector('[role="columnheader"]')?.textContent?.trim()).toBe('Updated');
    expect(el.querySelector('[data-testid="order-row"] [role="cell"]')?.getAttribute('title')).toBe('Last update: 28 Nov, 10:15:00 IST');
  });

  it('colours status by class: pending grey, working blue, complete green, rejected red, cancelled muted', async () => {
    const { el } = await render(
      ['validation pending', 'open', 'complete', 'rejected', 'cancelled'].map((status, i) => order({ orderId: String(i), status })),
    );
    const classes = Array.from(el.querySelectorAll('[data-testid="order-status"]')).map((p) => p.getAttribute('data-status-class'));
    expect(classes).toEqual(['pending', 'working', 'complete', 'rejected', 'cancelled']);
  });

  it('opens an order by click or by keyboard', async () => {
    const { el, opened } = await render([order({ orderId: 'x1' })]);
    const row = el.querySelector<HTMLElement>('[data-testid="order-row"]');
    row?.click();
    row?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(opened.map((o) => o.orderId)).toEqual(['x1', 'x1']);
    expect(row?.getAttribute('aria-label')).toBe('BUY 10 RELIANCE LIMIT, open');
  });

  it('switches to a virtual scroll viewport for a long day', async () => {
    const many = Array.from({ length: 60 }, (_, i) => order({ orderId: `o${i}` }));
    const { el } = await render(many);
    expect(el.querySelector('cdk-virtual-scroll-viewport')).not.toBeNull();
    const { el: short } = await render(many.slice(0, 5));
    expect(short.querySelector('cdk-virtual-scroll-viewport')).toBeNull();
    expect(short.querySelectorAll('[data-testid="order-row"]')).toHaveLength(5);
  });
});
