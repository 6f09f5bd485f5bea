import { DeskError } from '@desk/contracts';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { toDeskError } from './desk-exception.filter';
import { fieldErrors, validationFailed } from './validation';

describe('error mapping', () => {
  it('turns class-validator errors into one message per field, with dotted paths', () => {
    const details = fieldErrors([
      { property: 'quantity', constraints: { min: 'quantity must not be less than 1', isInt: 'quantity must be an integer' }, children: [] },
      { property: 'legs', children: [{ property: '0', children: [{ property: 'price', constraints: { isPositive: 'price must be positive' }, children: [] }] }] },
    ]);
    expect(details).toEqual([
      { field: 'quantity', message: 'quantity must be an integer' },
      { field: 'legs.0.price', message: 'price must be positive' },
    ]);
    const error = validationFailed(details);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', httpStatus: 400, message: '2 fields are invalid.' });
  });

  it('keeps DeskErrors, maps Nest exceptions with fixed texts, and hides unknown errors', () => {
    const desk = new DeskError({ code: 'ORDERS_HALTED', title: 'Order rejected', message: 'halted', httpStatus: 409 });
    expect(toDeskError(desk)).toEqual({ desk, known: true });
    expect(toDeskError(new NotFoundException('Cannot GET /api/secret?token=abc')).desk).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404, message: 'No such route.' });
    const bad = toDeskError(new BadRequestException('Unexpected token s in JSON at position 2: "secret"')).desk;
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.message).not.toContain('secret');
    expect(toDeskError(Object.assign(new Error('too large'), { status: 413, type: 'entity.too.large' })).desk.httpStatus).toBe(413);
    const unknown = toDeskError(new Error('db password is hunter2'));
    expect(unknown.known).toBe(false);
    expect(unknown.desk).toMatchObject({ code: 'INTERNAL_ERROR', httpStatus: 500 });
    expect(unknown.desk.message).not.toContain('hunter2');
  });
});
