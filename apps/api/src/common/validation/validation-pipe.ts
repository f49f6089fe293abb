import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { BadUserInputError, FieldProblem } from '../errors/domain-errors';
import { findNulBytes } from './nul-bytes';

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

/**
 * The global pipe with whitelisting, no unknown fields and transformation. Its errors are
 * BAD_USER_INPUT with field paths; an argument passed by name (`input`) prefixes them
 * (`input.diplomas[2].status`), so the path is the one the client sent.
 */
class FieldPathValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A resolver's GraphQL arguments reach pipes as 'body' (context, info and custom decorators as 'custom').
    if (metadata.type === 'body') {
      const nul = findNulBytes(value, typeof metadata.data === 'string' ? metadata.data : '');
      if (nul.length) throw new BadUserInputError(nul);
    }
    try {
      return await super.transform(value, metadata);
    } catch (err) {
      if (err instanceof BadUserInputError && typeof metadata.data === 'string' && metadata.data) {
        throw new BadUserInputError(err.problems.map((p) => ({ ...p, field: `${metadata.data}.${p.field}` })));
      }
      throw err;
    }
  }
}

/** The global validation pipe. */
export function createValidationPipe(): ValidationPipe {
  return new FieldPathValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validateCustomDecorators: false,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new BadUserInputError(flattenValidationErrors(errors)),
  });
}
