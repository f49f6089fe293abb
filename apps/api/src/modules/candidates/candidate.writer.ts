import { EntityManager } from 'typeorm';
import { bulkUpsert, pgArrayLiteral, savedInInputOrder } from '../../database/bulk-upsert';
import { SavedRow } from '../records/import';
import { CandidateRow } from './candidate-rules';

/** A written candidate: its id, whether it was new, and the pseudonym it has (kept on an update). */
export type SavedCandidate = SavedRow & { pseudonym: string };

/**
 * Writes candidate rows in one statement per chunk, upserting on (source, externalId):
 * importing the same externalId again updates the record (and keeps its id and
 * pseudonym), also when two imports race, because the database's unique index decides.
 * Each row's stored pseudonym comes back, so the audit trail names the record written,
 * not the fresh pseudonym an update did not keep.
 */
export async function writeCandidates(manager: EntityManager, rows: CandidateRow[], owner: { tenant: string | null; source: string }): Promise<SavedCandidate[]> {
  if (rows.length === 0) return [];
  const col = (name: string, type: string, values: unknown[], expression?: string) => ({ name, type, values, expression });
  const same = (name: string, type: string, value: unknown) => ({ name, type, values: [value], same: true });
  const returned = await bulkUpsert<{ id: string; external_id: string | null; inserted: boolean; pseudonym: string }>(manager, {
    table: 'candidate',
    conflict: ['source', 'external_id'],
    keepOnConflict: ['id', 'pseudonym', 'created_at'],
    returning: 'id, external_id, (xmax = 0) AS inserted, pseudonym',
    columns: [
      col('id', 'uuid', rows.map((r) => r.id)),
      same('tenant', 'text', owner.tenant),
      same('source', 'text', owner.source),
      col('external_id', 'text', rows.map((r) => r.externalId)),
      col('pseudonym', 'text', rows.map((r) => r.pseudonym)),
      col('name', 'text', rows.map((r) => r.name)),
      col('email', 'text', rows.map((r) => r.email)),
      col('phone', 'text', rows.map((r) => r.phone)),
      col('notes', 'text', rows.map((r) => r.notes)),
      col('birth_date', 'date', rows.map((r) => r.birthDate)),
      col('legal_status', 'text', rows.map((r) => r.legalStatus)),
      col('application_date', 'date', rows.map((r) => r.applicationDate)),
      col('permit_date', 'date', rows.map((r) => r.permitDate)),
      col('w_document_issued', 'date', rows.map((r) => r.wDocumentIssued)),
      col('w_document_expiry', 'date', rows.map((r) => r.wDocumentExpiry)),
      col('lives_in_reception', 'bool', rows.map((r) => r.livesInReception)),
      col('dublin_or_return_decision', 'bool', rows.map((r) => r.dublinOrReturnDecision)),
      col('postcode', 'text', rows.map((r) => r.location.postcode)),
      col('lat', 'float8', rows.map((r) => r.location.lat)),
      col('lon', 'float8', rows.map((r) => r.location.lon)),
      col('municipality_code', 'text', rows.map((r) => r.location.municipalityCode)),
      col('region_code', 'text', rows.map((r) => r.location.regionCode)),
      col('dutch_level', 'text', rows.map((r) => r.dutchLevel)),
      col('english_level', 'text', rows.map((r) => r.englishLevel)),
      col('integration_route', 'text', rows.map((r) => r.integrationRoute)),
      col('diplomas', 'text', rows.map((r) => JSON.stringify(r.diplomas)), '$::jsonb'),
      col('occupations', 'text', rows.map((r) => JSON.stringify(r.occupations)), '$::jsonb'),
      col('isco_groups', 'text', rows.map((r) => pgArrayLiteral(r.iscoGroups)), '$::text[]'),
      col('skill_ids', 'text', rows.map((r) => pgArrayLiteral(r.skillIds)), '$::uuid[]'),
      col('hours_available', 'int', rows.map((r) => r.hoursAvailable)),
      col('max_travel_km', 'int', rows.map((r) => r.maxTravelKm)),
      col('preferences', 'text', rows.map((r) => JSON.stringify(r.preferences)), '$::jsonb'),
      col('ties', 'text', rows.map((r) => JSON.stringify(r.ties)), '$::jsonb'),
      col('synthetic', 'bool', rows.map((r) => r.synthetic)),
      same('updated_at', 'timestamptz', new Date()),
    ],
  });
  const pseudonymOf = new Map(returned.map((r) => [r.id, r.pseudonym]));
  const saved = savedInInputOrder(rows, returned).map((s) => ({ ...s, pseudonym: pseudonymOf.get(s.id)! }));
  const monitored = rows.map((r, i) => ({ id: saved[i].id, m: r.monitoring })).filter((x) => x.m !== null);
  if (monitored.length > 0) {
    await bulkUpsert(manager, {
      table: 'candidate_monitoring',
      conflict: ['candidate_id'],
      columns: [
        col('candidate_id', 'uuid', monitored.map((x) => x.id)),
        col('nationality', 'text', monitored.map((x) => x.m!.nationality)),
        col('country_of_birth', 'text', monitored.map((x) => x.m!.countryOfBirth)),
        col('gender', 'text', monitored.map((x) => x.m!.gender)),
      ],
    });
  }
  return saved;
}
