import { describeQuantity, describeSplit, statusMessageNextStep } from './order-quantity-text';

describe('order quantity texts', () => {
  it('shows units and lots for lot-traded instruments', () => {
    expect(describeQuantity(10, { lotSize: 10 })).toBe('10 (1 lot of 10)');
    expect(describeQuantity(150, { lotSize: 75 })).toBe('150 (2 lots of 75)');
    expect(describeQuantity(5, { lotSize: 1 })).toBe('5');
    expect(describeQuantity(5, null)).toBe('5');
  });

  it('says how an order above the freeze quantity is split, and nothing at or below it', () => {
    expect(describeSplit(1875, { lotSize: 75, freezeQuantity: 1800 })).toBe(
      "This order will be split into 2 orders of at most 1800 (the exchange's freeze quantity is 1800).",
    );
    expect(describeSplit(5401, { lotSize: 1, freezeQuantity: 1800 })).toMatch(/^This order will be split into 4 orders/);
    // Parts are whole lots: with lots of 50 and a freeze of 1,820 the largest part is 1,800.
    expect(describeSplit(3700, { lotSize: 50, freezeQuantity: 1820 })).toBe(
      "This order will be split into 3 orders of at most 1800 (the exchange's freeze quantity is 1820).",
    );
    expect(describeSplit(1800, { lotSize: 75, freezeQuantity: 1800 })).toBeNull();
    expect(describeSplit(1875, { lotSize: 75, freezeQuantity: null })).toBeNull();
  });

  it('explains the CDSL TPIN step for a delivery sell Upstox refused for it, and nothing for other messages', () => {
    const step = 'Authorise the sale with your CDSL TPIN and OTP in the Upstox app (Portfolio > Holdings > Authorise), then place it again.';
    expect(statusMessageNextStep('Delivery sell not authorised: CDSL TPIN authorisation is required to sell these shares (the account has no DDPI or POA).')).toBe(step);
    expect(statusMessageNextStep('eDIS authorisation pending')).toBe(step);
    expect(statusMessageNextStep('You need to add Rs. 100.00 in your account to place this trade.')).toBeNull();
    expect(statusMessageNextStep(null)).toBeNull();
  });
});
