import { assertOrderId } from './orders.errors';

describe('order ids', () => {
  it('accepts only letters, digits and dashes as an order id', () => {
    expect(() => assertOrderId('261128000000001')).not.toThrow();
    expect(() => assertOrderId('abc-DEF-1')).not.toThrow();
    for (const bad of ['', '1;DROP', '../x', 'a b', 'x'.repeat(65)]) {
      expect(() => assertOrderId(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', httpStatus: 400 }));
    }
  });
});
