import { PipeTransform } from '@nestjs/common';
import { Args, ID } from '@nestjs/graphql';
import { isUUID } from 'class-validator';
import { BadUserInputError } from '../../common/errors/domain-errors';

class UuidArgPipe implements PipeTransform<unknown, string> {
  constructor(private readonly name: string) {}

  transform(value: unknown): string {
    if (typeof value !== 'string' || !isUUID(value)) throw BadUserInputError.of(this.name, 'isUuid', `${this.name} must be a uuid`);
    return value;
  }
}

/** An `id: ID!` argument that must be a uuid (BAD_USER_INPUT naming it otherwise). */
export const IdArg = (name = 'id', description?: string): ParameterDecorator => Args(name, { type: () => ID, description }, new UuidArgPipe(name));
