import type { VacancyProfile } from '@kansrijk/scoring';
import { HeldRecords, LoadedVacancy } from './held-records';

const vacancy = (id: string, employerId: string | null, title = 'Kok'): LoadedVacancy => ({
  profile: { id } as VacancyProfile,
  title,
  employerId,
  municipalityCode: 'GM0363',
  tenant: 't1',
  status: 'OPEN',
});

describe('HeldRecords', () => {
  it('finds a candidate by id and by pseudonym, and by neither once removed', () => {
    const h = new HeldRecords();
    h.setCandidate({ id: 'c1', pseudonym: 'p-1', tenant: 't1' });
    h.setCandidate({ id: 'c2', pseudonym: 'p-2', tenant: 't2' });
    expect(h.candidate('c1')).toEqual({ id: 'c1', pseudonym: 'p-1', tenant: 't1' });
    expect(h.candidateByPseudonym('p-2')?.id).toBe('c2');
    expect(h.candidatesOfTenant('t1')).toEqual(['c1']);
    h.removeCandidate('c1');
    expect([h.candidate('c1'), h.candidateByPseudonym('p-1')]).toEqual([undefined, undefined]);
    expect(h.candidatesOfTenant('t1')).toEqual([]);
    h.removeCandidate('c1'); // twice is harmless
    expect(h.size.candidates).toBe(1);
  });

  it('follows a candidate whose pseudonym or tenant changes, leaving no stale pseudonym', () => {
    const h = new HeldRecords();
    h.setCandidate({ id: 'c1', pseudonym: 'old', tenant: 't1' });
    h.setCandidate({ id: 'c1', pseudonym: 'new', tenant: 't2' });
    expect(h.candidateByPseudonym('old')).toBeUndefined();
    expect(h.candidateByPseudonym('new')).toEqual({ id: 'c1', pseudonym: 'new', tenant: 't2' });
    expect(h.candidatesOfTenant('t1')).toEqual([]);
  });

  it('shows an employer rename on every held vacancy of that employer at once', () => {
    const h = new HeldRecords();
    h.setEmployerNames([
      { id: 'e1', name: 'Oud BV' },
      { id: 'e2', name: 'Ander BV' },
    ]);
    h.setVacancy(vacancy('v1', 'e1'));
    h.setVacancy(vacancy('v2', 'e1'));
    h.setVacancy(vacancy('v3', 'e2'));
    h.setEmployerNames([{ id: 'e1', name: 'Nieuw BV' }]);
    expect(['v1', 'v2', 'v3'].map((id) => h.vacancy(id)?.employer?.name)).toEqual(['Nieuw BV', 'Nieuw BV', 'Ander BV']);
  });

  it('replaces a vacancy on update and drops it on removal', () => {
    const h = new HeldRecords();
    h.setEmployerNames([{ id: 'e1', name: 'BV' }]);
    h.setVacancy(vacancy('v1', 'e1', 'Kok'));
    h.setVacancy(vacancy('v1', 'e1', 'Chef-kok'));
    expect(h.vacancy('v1')).toMatchObject({ title: 'Chef-kok', municipalityCode: 'GM0363', tenant: 't1', employer: { id: 'e1', name: 'BV' } });
    h.removeVacancy('v1');
    expect(h.vacancy('v1')).toBeUndefined();
    expect(h.size.vacancies).toBe(0);
  });
});
