import { ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError, FieldProblem } from '../errors/domain-errors';

/**
 * Flattens class-validator's tree into field paths a client can act on:
 * `input.diplomas[2].status`, each with the rule it broke and the message.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const isIndex = /^\d+$/.test(e.property);
    const path = prefix ? (isIndex ? `${prefix}[${e.property}]` : `${prefix}.${e.property}`) : e.property;
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field: path, rule, message });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}

/** The global pipe: whitelisting, no unknown fields, transformation, and BAD_USER_INPUT errors. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: false,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new BadUserInputError(flattenValidationErrors(errors)),
  });
}
