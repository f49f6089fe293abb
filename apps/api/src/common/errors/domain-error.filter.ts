import { Catch } from '@nestjs/common';
import { GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError } from './domain-errors';

/**
 * Expected errors (bad input, not found, forbidden) go to the client as they are, without
 * Nest logging them as crashes; unexpected ones still reach the formatter, which masks
 * and logs them.
 */
@Catch(DomainError)
export class DomainErrorFilter implements GqlExceptionFilter {
  catch(error: DomainError): DomainError {
    return error;
  }
}
