import { PipeTransform } from '@nestjs/common';
import { Args } from '@nestjs/graphql';
import { BadUserInputError } from '../../../common/errors/domain-errors';

class PeriodPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !/^\d{4}-H[12]$/.test(value)) throw BadUserInputError.of('period', 'halfYear', 'period must be a half-year like 2026-H2');
    return value;
  }
}

/** A `period: String!` argument that must be a half-year (R11 reference periods). */
export const PeriodArg = (): ParameterDecorator => Args('period', { type: () => String, description: 'Half-year like 2026-H2.' }, new PeriodPipe());
