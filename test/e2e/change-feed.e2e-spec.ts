import { Role } from '../../apps/api/src/common/auth/role';
import { FeedSyncRelay } from '../../apps/api/src/cluster/feed-sync';
import { RecordChange, RecordEvents } from '../../apps/api/src/modules/records/record-events';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';

/** Issue 5 item 1: two API processes on one database learn of each other's changes. */
describe('change feed between API instances', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp();
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it("delivers a committed vacancy change made through one instance to the other, but not back to its origin", async () => {
    const seenByB: RecordChange[] = [];
    const seenByA: RecordChange[] = [];
    b.app.get(RecordEvents).onChange(async (c) => void seenByB.push(c));
    a.app.get(RecordEvents).onChange(async (c) => void seenByA.push(c));
    const key = await a.key(Role.PLATFORM, uniq('feed'));
    const e = await a.gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "Feed BV" }) { id } }`, {}, key);
    const v = await a.gql<{ createVacancy: { id: string } }>(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(e.data!.createEmployer.id) }, key);
    const id = v.data!.createVacancy.id;
    await a.gql(`mutation($id: ID!) { closeVacancy(id: $id) { status } }`, { id }, key);
    const deadline = Date.now() + 10_000;
    while (seenByB.filter((c) => c.ids.includes(id)).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(seenByB.filter((c) => c.ids.includes(id))).toEqual([
      { kind: 'vacancy', op: 'upserted', ids: [id] },
      { kind: 'vacancy', op: 'removed', ids: [id] },
    ]);
    // A applied its own changes synchronously, once each: the feed does not echo them back.
    expect(seenByA.filter((c) => c.ids.includes(id))).toEqual([
      { kind: 'vacancy', op: 'upserted', ids: [id] },
      { kind: 'vacancy', op: 'removed', ids: [id] },
    ]);
  });

  it("a vacancy created through one instance appears in the other's suggestions, and goes when closed there", async () => {
    const key = await a.key(Role.PLATFORM, uniq('feed2'));
    const admin = await b.key(Role.ADMIN);
    const person = await b.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput({ location: { postcode: '8911' }, maxTravelKm: 10 }) }, admin); // Leeuwarden
    const e = await a.gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "Feed 2 BV" }) { id } }`, {}, key);
    const v = await a.gql<{ createVacancy: { id: string } }>(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(e.data!.createEmployer.id, { location: { postcode: '8912' } }) }, key);
    const id = v.data!.createVacancy.id;
    const listedOnB = async () => {
      const r = await b.gql<{ jobSuggestions: { items: { vacancyId: string }[] } }>(`query($c: ID!) { jobSuggestions(candidateId: $c, take: 100) { items { vacancyId } } }`, { c: person.data!.createCandidate.id }, admin);
      expect(r.errors).toBeUndefined();
      return r.data!.jobSuggestions.items.map((i) => i.vacancyId);
    };
    const waitFor = async (want: boolean) => {
      const deadline = Date.now() + 10_000;
      while ((await listedOnB()).includes(id) !== want && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      return (await listedOnB()).includes(id);
    };
    expect(await waitFor(true)).toBe(true);
    await a.gql(`mutation($id: ID!) { closeVacancy(id: $id) { status } }`, { id }, key);
    expect(await waitFor(false)).toBe(false);
  });

  it("an employer renamed and a person erased through one instance show so in the other's suggestions", async () => {
    const key = await a.key(Role.PLATFORM, uniq('feed3'));
    const adminB = await b.key(Role.ADMIN);
    const externalId = uniq('feed3-employer');
    const saveEmployer = async (name: string) =>
      (await a.gql<{ createEmployer: { id: string } }>(`mutation($i: EmployerInput!) { createEmployer(input: $i) { id } }`, { i: { name, externalId } }, key)).data!.createEmployer.id;
    const employer = await saveEmployer('Feed Oud BV');
    const person = await a.gql<{ createCandidate: { id: string; pseudonym: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id pseudonym } }`, { i: candidateInput({ location: { postcode: '6811' }, maxTravelKm: 10 }) }, key); // Arnhem
    const { id: personId, pseudonym } = person.data!.createCandidate;
    const v = await a.gql<{ createVacancy: { id: string } }>(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(employer, { location: { postcode: '6812' } }) }, key);
    const id = v.data!.createVacancy.id;
    type Jobs = { jobSuggestions: { items: { vacancyId: string; vacancy: { employerName: string } }[] } };
    const onB = (c: string) => b.gql<Jobs>(`query($c: ID!) { jobSuggestions(candidateId: $c, take: 100) { items { vacancyId vacancy { employerName } } } }`, { c }, adminB);
    const shownOnB = async () => (await onB(personId)).data?.jobSuggestions.items.find((i) => i.vacancyId === id)?.vacancy.employerName;
    const waitFor = async <T>(probe: () => Promise<T>, want: T) => {
      const deadline = Date.now() + 10_000;
      while ((await probe()) !== want && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      return probe();
    };
    expect(await waitFor(shownOnB, 'Feed Oud BV')).toBe('Feed Oud BV');
    await saveEmployer('Feed Nieuw BV');
    expect(await waitFor(shownOnB, 'Feed Nieuw BV')).toBe('Feed Nieuw BV');
    await a.gql(`mutation($id: ID!) { deleteCandidate(id: $id) }`, { id: personId }, key);
    const codeOnB = async () => (await onB(pseudonym)).errors?.[0].extensions?.code;
    expect(await waitFor(codeOnB, 'NOT_FOUND')).toBe('NOT_FOUND');
  });

  it('as sibling workers of one host, a change made through one is in the very next list of the other', async () => {
    // The primary's relay (cluster/feed-sync.ts) between the two apps, as between cluster workers.
    const relay = new FeedSyncRelay((id, m) => void (id === 1 ? toA : toB)(m), { timeoutMs: 10_000 });
    const toA = a.app.get(RecordEvents).connectSiblings((m) => relay.message(1, m));
    const toB = b.app.get(RecordEvents).connectSiblings((m) => relay.message(2, m));
    relay.message(1, { kansrijk: 'ready' });
    relay.message(2, { kansrijk: 'ready' });
    const key = await a.key(Role.PLATFORM, uniq('feed4'));
    const adminB = await b.key(Role.ADMIN);
    const e = await a.gql<{ createEmployer: { id: string } }>(`mutation { createEmployer(input: { name: "Feed 4 BV" }) { id } }`, {}, key);
    const person = await a.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput({ location: { postcode: '5211' }, maxTravelKm: 10 }) }, key); // 's-Hertogenbosch
    const personId = person.data!.createCandidate.id;
    const listedOnB = async () => {
      const r = await b.gql<{ jobSuggestions: { items: { vacancyId: string }[] } }>(`query($c: ID!) { jobSuggestions(candidateId: $c, take: 100) { items { vacancyId } } }`, { c: personId }, adminB);
      expect(r.errors).toBeUndefined(); // the person created through A is already known to B
      return r.data!.jobSuggestions.items.map((i) => i.vacancyId);
    };
    for (let round = 0; round < 3; round++) {
      const v = await a.gql<{ createVacancy: { id: string } }>(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(e.data!.createEmployer.id, { location: { postcode: '5212' } }) }, key);
      const id = v.data!.createVacancy.id;
      expect(await listedOnB()).toContain(id);
      await a.gql(`mutation($id: ID!) { closeVacancy(id: $id) { status } }`, { id }, key);
      expect(await listedOnB()).not.toContain(id);
    }
  });
});
