import { MigrationInterface } from 'typeorm';
import { ReferenceData1795346612610 } from './1795346612610-ReferenceData';
import { ApiKeys1795346767778 } from './1795346767778-ApiKeys';
import { Records1795347289784 } from './1795347289784-Records';

/** Every migration in order. A landed migration is never rewritten; add a new one. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [ReferenceData1795346612610, ApiKeys1795346767778, Records1795347289784];
