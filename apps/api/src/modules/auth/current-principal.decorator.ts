import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { requestOf } from './api-key.guard';

/** The caller's principal (null on a public operation called without a key). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext) => requestOf(context).principal ?? null);
