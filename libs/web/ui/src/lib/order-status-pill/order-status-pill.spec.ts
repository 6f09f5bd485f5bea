import { TestBed } from '@angular/core/testing';
import { classifyOrderStatus } from '@desk/contracts';
import { OrderStatusPill } from './order-status-pill';

describe('OrderStatusPill', () => {
  it.each([
    ['open', 'pill--working'],
    ['trigger pending', 'pill--working'],
    ['validation pending', 'pill--pending'],
    ['complete', 'pill--complete'],
    ['rejected', 'pill--rejected'],
    ['cancelled', 'pill--cancelled'],
    // Issue 9 g: a refused modify / cancel leaves the order working; the check in between is pending.
    ['modify validation pending', 'pill--pending'],
    ['not modified', 'pill--working'],
    ['not cancelled', 'pill--working'],
  ])('colours "%s" with %s', async (status, cssClass) => {
    const fixture = TestBed.createComponent(OrderStatusPill);
    fixture.componentRef.setInput('status', status);
    fixture.componentRef.setInput('statusClass', classifyOrderStatus(status));
    await fixture.whenStable();
    const pill = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="order-status"]');
    expect(pill?.textContent?.trim()).toBe(status);
    expect(pill?.classList).toContain(cssClass);
  });
});
