import { CandidateEntity } from './candidate.entity';
import { CandidateInput } from './dto/candidate.input';
import { Candidate } from './models/candidate.model';

/** Entity → GraphQL model: only what the public schema names leaves the service. */
export function toCandidate(e: CandidateEntity): Candidate {
  return {
    id: e.id,
    externalId: e.externalId,
    pseudonym: e.pseudonym,
    name: e.name,
    email: e.email,
    phone: e.phone,
    notes: e.notes,
    birthDate: e.birthDate,
    legalStatus: e.legalStatus,
    applicationDate: e.applicationDate,
    permitDate: e.permitDate,
    wDocumentIssued: e.wDocumentIssued,
    wDocumentExpiry: e.wDocumentExpiry,
    livesInReception: e.livesInReception,
    dublinOrReturnDecision: e.dublinOrReturnDecision,
    location: { postcode: e.postcode, lat: e.lat, lon: e.lon, municipalityCode: e.municipalityCode },
    municipalityCode: e.municipalityCode,
    tenant: e.tenant,
    dutchLevel: e.dutchLevel,
    englishLevel: e.englishLevel,
    integrationRoute: e.integrationRoute,
    diplomas: e.diplomas,
    occupations: e.occupations,
    skillIds: e.skillIds,
    hoursAvailable: e.hoursAvailable,
    maxTravelKm: e.maxTravelKm,
    preferences: { municipalityCodes: e.preferences.municipalityCodes ?? [], regionCodes: e.preferences.regionCodes ?? [], iscoGroups: e.preferences.iscoGroups ?? [] },
    ties: e.ties.map(({ located: _located, ...t }) => ({ ...t, location: { postcode: t.postcode, lat: t.lat, lon: t.lon, municipalityCode: t.municipalityCode } })),
    synthetic: e.synthetic,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

/**
 * Entity → input shape, so an update can be merged onto the stored record and the merged
 * whole checked by exactly the rules of a create. A stored postcode is given back as the
 * postcode; otherwise the coordinates.
 */
export function toCandidateInput(e: CandidateEntity): CandidateInput {
  const loc = (postcode: string | null, lat: number, lon: number) => (postcode ? { postcode } : { lat, lon });
  return {
    externalId: e.externalId ?? undefined,
    name: e.name ?? undefined,
    email: e.email ?? undefined,
    phone: e.phone ?? undefined,
    notes: e.notes ?? undefined,
    birthDate: e.birthDate,
    legalStatus: e.legalStatus as CandidateInput['legalStatus'],
    applicationDate: e.applicationDate ?? undefined,
    permitDate: e.permitDate ?? undefined,
    wDocumentIssued: e.wDocumentIssued ?? undefined,
    wDocumentExpiry: e.wDocumentExpiry ?? undefined,
    livesInReception: e.livesInReception,
    dublinOrReturnDecision: e.dublinOrReturnDecision,
    location: loc(e.postcode, e.lat, e.lon),
    dutchLevel: e.dutchLevel as CandidateInput['dutchLevel'],
    englishLevel: e.englishLevel as CandidateInput['englishLevel'],
    integrationRoute: (e.integrationRoute ?? undefined) as CandidateInput['integrationRoute'],
    diplomas: e.diplomas.map((d) => ({ level: d.level, status: d.status, iscoCode: d.iscoCode ?? undefined, regulatedProfession: d.regulatedProfession ?? undefined })) as CandidateInput['diplomas'],
    occupations: e.occupations.map((o) => ({ occupationId: o.occupationId ?? undefined, iscoCode: o.iscoCode, years: o.years })),
    skills: e.skillIds,
    hoursAvailable: e.hoursAvailable,
    maxTravelKm: e.maxTravelKm,
    preferences: { municipalityCodes: e.preferences.municipalityCodes ?? [], regionCodes: e.preferences.regionCodes ?? [], iscoGroups: e.preferences.iscoGroups ?? [] },
    ties: e.ties.map((t) => ({
      kind: t.kind,
      municipalityCode: t.municipalityCode,
      location: t.located ? loc(t.postcode, t.lat, t.lon) : undefined,
      firstDegree: t.firstDegree ?? undefined,
      hoursPerWeek: t.hoursPerWeek ?? undefined,
      contractMonths: t.contractMonths ?? undefined,
      monthlyWage: t.monthlyWage ?? undefined,
      signedContract: t.kind === 'WORK' ? t.signedContract : undefined,
      payslip: t.kind === 'WORK' ? t.payslip : undefined,
      iscoCode: t.iscoCode ?? undefined,
    })) as CandidateInput['ties'],
    synthetic: e.synthetic,
  };
}
