import { MigrationInterface } from 'typeorm';
import { ReferenceData1795346612610 } from './1795346612610-ReferenceData';
import { ApiKeys1795346767778 } from './1795346767778-ApiKeys';
import { Records1795347289784 } from './1795347289784-Records';
import { LabourDemandAndChangeFeed1795348547895 } from './1795348547895-LabourDemandAndChangeFeed';
import { AuditIndexes1795348723555 } from './1795348723555-AuditIndexes';
import { LinkDecisions1795350214264 } from './1795350214264-LinkDecisions';
import { Scenarios1795351030192 } from './1795351030192-Scenarios';
import { Jobs1795360000000 } from './1795360000000-Jobs';
import { OutcomeModel1796527076583 } from './1796527076583-OutcomeModel';
import { LinkDecisionOverrides1796600000000 } from './1796600000000-LinkDecisionOverrides';
import { PlacePrices1796700000000 } from './1796700000000-PlacePrices';

/** Every migration in order. A landed migration is never rewritten; add a new one. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [ReferenceData1795346612610, ApiKeys1795346767778, Records1795347289784, LabourDemandAndChangeFeed1795348547895, AuditIndexes1795348723555, LinkDecisions1795350214264, Scenarios1795351030192, Jobs1795360000000, OutcomeModel1796527076583, LinkDecisionOverrides1796600000000, PlacePrices1796700000000];
