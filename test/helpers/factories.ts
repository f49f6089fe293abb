/** Valid inputs for tests, with real ESCO ids from the shipped data; override what a test varies. */
export const ESCO = {
  cook: '90f75f67-495d-49fa-ab57-2f320e251d7e', // ISCO 5120
  dietCook: '9ab80ce6-504f-474f-bb91-98163e9d45fd', // ISCO 5120
  buildingCleaner: '303a1e34-cb16-4054-b323-81e5eec17397', // ISCO 9112
  nurse: '8d3e8aaa-791b-4c75-a465-f3f827028f50', // ISCO 2221
  cookSkills: [
    '0ff99f51-40d9-42f1-a1ec-377b2bb5e15f',
    '210827e3-3129-45a2-8683-70399f3f561f',
    '29b326ea-a9c8-4963-b35a-8541d0cdff77',
    '341cf309-746c-4437-ad14-e0a0ee13eacc',
    '4b15a965-9bb4-42f1-8e44-1024aeb0b08c',
  ],
};

let counter = 0;
/** A unique suffix per call, so test files never collide on externalIds. */
export const uniq = (prefix = 'x'): string => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}`;

export function candidateInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Amina Test',
    email: 'amina@example.org',
    birthDate: '1990-04-12',
    legalStatus: 'STATUS_HOLDER',
    applicationDate: '2024-01-10',
    permitDate: '2024-09-01',
    location: { postcode: '1011' },
    dutchLevel: 'A2',
    englishLevel: 'B1',
    integrationRoute: 'B1',
    diplomas: [{ level: 'MBO', status: 'EVALUATED', iscoCode: '5120' }],
    occupations: [{ occupationId: ESCO.cook, years: 4 }],
    skills: ESCO.cookSkills.slice(0, 3),
    hoursAvailable: 32,
    maxTravelKm: 40,
    preferences: { regionCodes: ['AM18'] },
    ties: [{ kind: 'FAMILY', municipalityCode: 'GM0772' }],
    ...overrides,
  };
}

export function vacancyInput(employerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    employerId,
    title: 'Kok in restaurant',
    occupationId: ESCO.cook,
    essentialSkills: ESCO.cookSkills.slice(0, 2),
    optionalSkills: ESCO.cookSkills.slice(2, 4),
    minDutchLevel: 'A2',
    englishSuffices: true,
    minEnglishLevel: 'B1',
    hoursPerWeek: 32,
    contractMonths: 12,
    monthlyWage: 2400,
    location: { postcode: '1012' },
    startDate: '2027-03-01',
    languageCoaching: true,
    workPermitWillingness: true,
    ...overrides,
  };
}
