import { DeskError, ERROR_TITLES, FieldError } from '@desk/contracts';
import { ValidationError, ValidationPipe } from '@nestjs/common';

/** One message per field; nested fields use dotted paths (`legs.0.price`). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? Object.values(error.constraints) : [];
    const first = own.length > 0 ? [{ field, message: own[own.length - 1] }] : [];
    return [...first, ...fieldErrors(error.children ?? [], field)];
  });
}

/** The one VALIDATION_FAILED error (400) with its field errors, for the pipe and for every hand-written check. */
export function validationFailed(details: FieldError[], say: { message?: string; nextStep?: string } = {}): DeskError {
  return new DeskError({
    code: 'VALIDATION_FAILED',
    title: ERROR_TITLES.invalidInput,
    httpStatus: 400,
    message: say.message ?? (details.length === 1 ? details[0].message : `${details.length} fields are invalid.`),
    ...(say.nextStep ? { nextStep: say.nextStep } : {}),
    details,
  });
}

/** whitelist + forbidNonWhitelisted + transform; failures become VALIDATION_FAILED with field errors. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(fieldErrors(errors)),
  });
}
