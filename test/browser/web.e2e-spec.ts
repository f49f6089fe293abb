/// <reference lib="dom" />
// page.evaluate callbacks run in the browser.
import { spawnSync } from 'child_process';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { ensureLabourDemand } from '../../apps/api/src/modules/labour-demand/labour-demand.service';
import { seedDemo } from '../../apps/cli/src/seed-demo';
import { Role } from '../../apps/api/src/common/auth/role';
import { en } from '../../apps/web/src/i18n/en';
import { nl } from '../../apps/web/src/i18n/nl';
import { candidateInput, uniq, vacancyInput } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/test-app';
import { axeViolations, CHROMIUM, hasChromium, launch, screenshot, visibleLabels } from './browser';
import { ownDatabase } from './own-database';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);
const STEP = 180_000;

/** Dutch label fragments that English says differently: none may be left on screen after the switch. */
const DUTCH_ONLY = (Object.keys(nl) as (keyof typeof nl)[])
  .filter((k) => nl[k] !== en[k])
  .flatMap((k) => nl[k].split(/\{\w+\}/))
  .map((s) => s.trim().replace(/[.:()]+$/, ''))
  .filter((s) => s.length >= 6 && !Object.values(en).some((e) => e.includes(s)));

const browserTests = hasChromium() ? describe : describe.skip;
if (!hasChromium()) {
  console.warn(`web app browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set KANSRIJK_CHROMIUM)`);
}

/**
 * The web app in a real browser (Debian's Chromium through playwright-core) against the API on
 * a database of its own (own-database.ts) with a small demo seed: the adviser's path from the queue to a decision,
 * the plain reason of an infeasible household, tenancy, a what-if run with its disparity chart,
 * the language switch, each error message, and axe-core on every screen.
 */
browserTests('web app in a browser', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof ownDatabase>>;
  let browser: Browser;
  let base: string;
  const keys: Record<string, string> = {};
  const ext = uniq('web').toLowerCase();
  let decideId: string;
  let conflictId: string;
  let foreignCandidate: string;
  let ownCandidate: string;
  let ownVacancy: string;
  const a11y: Record<string, string[]> = {};

  const open: Page[] = [];
  const newPage = async (key?: string, signedIn = true): Promise<Page> => {
    // bypassCSP: the app's Content-Security-Policy refuses the axe-core script the tests inject.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    open.push(page);
    page.setDefaultTimeout(60_000);
    await page.goto(`${base}/`);
    if (key) {
      await page.getByLabel('API-sleutel').fill(key);
      await page.getByRole('button', { name: 'Aanmelden' }).click();
      if (signedIn) await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).waitFor();
    }
    return page;
  };
  /** Screenshot and axe for one screen, collected and asserted at the end (and per step). */
  const check = async (page: Page, name: string) => {
    await screenshot(page, name);
    a11y[name] = await axeViolations(page);
    expect({ screen: name, violations: a11y[name] }).toEqual({ screen: name, violations: [] });
  };

  beforeAll(async () => {
    // Built when missing or built from other sources (a hash of the inputs: instant when current).
    {
      const r = spawnSync(process.execPath, [join(__dirname, '../../apps/web/tools/ensure-built.mjs')], { stdio: 'inherit' });
      if (r.status !== 0) throw new Error('could not build the web app');
    }
    db = await ownDatabase();
    // Seeded before the API starts: the matching index is built from the database at boot.
    const seeding = new DataSource(dataSourceOptions({ url: db.url, poolMax: 2 }));
    await seeding.initialize();
    try {
      await ensureLabourDemand(seeding.manager);
      await seedDemo(seeding, { candidates: 240, vacancies: 1500, seed: 11, today: daysAgo(0), quiet: true });
    } finally {
      await seeding.destroy();
    }
    t = await startTestApp({ DATABASE_URL: db.url });
    base = t.url.replace(/\/graphql$/, '');
    keys.admin = await t.key(Role.ADMIN);
    const made = async (role: string, label: string, tenant?: string) =>
      (await t.gql<{ createApiKey: { key: string } }>(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`, { i: { role, label, tenant } }, keys.admin)).data!.createApiKey.key;
    keys.adviser = await made('ADVISER', 'COA regio Oost');
    keys.evaluator = await made('EVALUATOR', 'Evaluatie BZK');
    keys.platformA = await made('PLATFORM', 'Platform A', `${ext}-a`);
    keys.platformB = await made('PLATFORM', 'Platform B', `${ext}-b`);
    const candidate = async (input: Record<string, unknown>, key = keys.admin) =>
      (await t.gql<{ createCandidate: { id: string } }>(`mutation($i: CandidateInput!) { createCandidate(input: $i) { id } }`, { i: candidateInput(input) }, key)).data!.createCandidate.id;
    const household = async (externalId: string, memberIds: string[]) =>
      (await t.gql<{ createHousehold: { id: string } }>(`mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }`, { i: { externalId, memberIds } }, keys.admin)).data!.createHousehold
        .id;
    decideId = await household(`${ext}-decide`, [await candidate({ permitDate: daysAgo(3), applicationDate: daysAgo(400), ties: [], location: { postcode: '3511' } })]);
    // First-degree family in Groningen and necessary care in Maastricht: no municipality is within 50 km of both (R12).
    conflictId = await household(`${ext}-conflict`, [
      await candidate({
        permitDate: daysAgo(2),
        applicationDate: daysAgo(400),
        ties: [
          { kind: 'FAMILY', municipalityCode: 'GM0014' },
          { kind: 'MEDICAL', municipalityCode: 'GM0935' },
        ],
      }),
    ]);
    ownCandidate = await candidate({ externalId: `${ext}-own` }, keys.platformB);
    const employer = (await t.gql<{ createEmployer: { id: string } }>(`mutation($i: EmployerInput!) { createEmployer(input: $i) { id } }`, { i: { name: 'Restaurant B', externalId: `${ext}-e` } }, keys.platformB))
      .data!.createEmployer.id;
    ownVacancy = (await t.gql<{ createVacancy: { id: string } }>(`mutation($i: VacancyInput!) { createVacancy(input: $i) { id } }`, { i: vacancyInput(employer) }, keys.platformB)).data!.createVacancy.id;
    foreignCandidate = await candidate({ externalId: `${ext}-foreign` }, keys.platformA);
    browser = await launch();
  }, STEP * 3);
  // A test that failed leaves its pages open: keep what they showed.
  afterEach(async () => {
    const name = (expect.getState().currentTestName ?? 'test').replace(/^web app in a browser /, '').slice(0, 40).replace(/[^\w]+/g, '-');
    for (const [k, page] of open.splice(0).entries()) if (!page.isClosed()) await screenshot(page, `FAILED-${name}-${k}`).catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await db?.stop();
  });

  it(
    'adviser: sign in, queue, household, map, select a municipality, record a decision; the household leaves the queue',
    async () => {
      const page = await newPage(keys.adviser);
      await page.getByText('Aangemeld als COA regio Oost (regievoerder COA)').waitFor();
      // The navigation shows what an adviser may do, not the admin's or evaluator's screens.
      const nav = await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).innerText();
      expect(nav).toContain('Wachtrij huishoudens');
      expect(nav).not.toContain('API-sleutels');
      expect(nav).not.toContain('Wat-als-scenario');
      await page.getByRole('heading', { level: 1, name: 'Wachtrij: huishoudens om te koppelen' }).waitFor();
      await page.locator('tbody tr').first().waitFor();
      await check(page, 'queue');

      await page.getByLabel('Zoek op pseudoniem of extern nummer').fill(`${ext}-decide`);
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await page.getByRole('link', { name: `${ext}-decide` }).click();
      await page.locator('[data-ready="true"]').waitFor();
      const map = page.getByTestId('nl-map');
      expect(await map.locator('path').count()).toBe(342);
      expect(await map.locator('[data-rank]').count()).toBe(5);
      await check(page, 'household');

      // Select the second suggestion on the map: its explanation, and it becomes the decision's municipality.
      const second = map.locator('[data-rank="2"]');
      const name = (await second.getAttribute('aria-label'))!.replace(/^2\. /, '');
      await second.click();
      const selected = page.getByTestId('selected');
      await selected.getByRole('heading', { name: `Toelichting: ${name}` }).waitFor();
      expect(await selected.locator('table').first().locator('tbody tr').count()).toBeGreaterThanOrEqual(8); // every link component
      await expect(page.getByTestId('follows').innerText()).resolves.toMatch(/wijkt af van het eerste voorstel/);
      await check(page, 'household-selected');

      // The reason is required: nothing is recorded without it.
      await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
      await page.getByText('Vul een reden in van minstens 3 tekens.').waitFor();
      await page.getByText('Nog geen besluit.').waitFor();
      await page.getByLabel('Reden (verplicht)').fill('Passend werk in de regio');
      await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
      await page.getByText(`Het besluit is vastgelegd: ${name}.`).waitFor();
      const history = page.locator('section[aria-labelledby="history-title"]');
      await history.getByRole('cell', { name: 'COA regio Oost' }).waitFor();
      await expect(history.innerText()).resolves.toContain('Passend werk in de regio');
      await check(page, 'household-decided');

      await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).getByRole('link', { name: 'Wachtrij huishoudens' }).click();
      await page.getByLabel('Zoek op pseudoniem of extern nummer').fill(`${ext}-decide`);
      await page.getByRole('button', { name: 'Zoeken' }).click();
      await page.getByText('Geen huishoudens in de wachtrij die aan het filter voldoen.').waitFor();
      await page.close();
    },
    STEP,
  );

  it(
    'adviser: a household whose ties conflict shows the plain reason, naming the rule and the ties',
    async () => {
      const page = await newPage(keys.adviser);
      const operations: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('/graphql')) operations.push(JSON.parse(r.postData() ?? '{}').operationName);
      });
      await page.goto(`${base}/households/${conflictId}`);
      const reason = page.getByTestId('infeasible-reason');
      await reason.waitFor();
      await expect(reason.innerText()).resolves.toMatch(/^R12: geen gemeente ligt binnen 50 km van alle 2 harde bindingen/);
      await page.getByRole('heading', { name: 'Geen gemeente voldoet aan de harde regels' }).waitFor();
      await page.locator('[data-ready="true"]').waitFor();
      // Opened by its address: the data is requested as the app starts, before the sign-in check
      // rather than after it, and once: the screen reads that answer instead of asking again
      // (which would compute and record the suggestions twice).
      expect(operations.filter((o) => o === 'Household')).toHaveLength(1);
      expect(operations.indexOf('Household')).toBeLessThan(operations.indexOf('Whoami'));
      // The ties' radii around Groningen and Maastricht reach past the country's outline: the map's view holds each whole circle.
      const clipped = await page
        .getByTestId('nl-map')
        .locator('svg')
        .first()
        .evaluate((svg: SVGSVGElement) => {
          const v = svg.viewBox.baseVal;
          return Array.from(svg.querySelectorAll<SVGCircleElement>('circle[stroke-dasharray]'))
            .map((c) => c.getBBox())
            .filter((b) => b.x < v.x || b.y < v.y || b.x + b.width > v.x + v.width || b.y + b.height > v.y + v.height).length;
        });
      expect(clipped).toBe(0);
      expect(await page.getByTestId('nl-map').locator('svg').first().locator('circle[stroke-dasharray]').count()).toBe(2);
      await check(page, 'household-infeasible');
      // In English the reason comes from the API in English.
      await page.getByRole('button', { name: 'Schakel naar Nederlands' }).or(page.getByRole('button', { name: 'Switch to English' })).click();
      await page.getByText(/^R12: no municipality lies within 50 km of all 2 hard ties/).waitFor();

      // Human oversight: the adviser may still link it, as a visible override with a justification.
      const municipality = page.getByLabel('Municipality', { exact: true });
      const excluded = municipality.locator('optgroup').nth(1).locator('option', { hasText: '(R12)' }).first();
      const target = (await excluded.getAttribute('value'))!;
      const targetName = (await excluded.innerText()).replace(/ \(R12\)$/, '');
      await municipality.selectOption(target);
      const override = page.getByTestId('override');
      await override.getByText('R12 excludes this municipality.', { exact: false }).waitFor();
      expect(await override.getByLabel('I depart from R12 (hard tie within its radius)').isChecked()).toBe(true);
      await page.getByLabel('Reason (required)').fill('Family first, care arranged');
      await page.getByRole('button', { name: 'Record decision with override' }).click();
      await page.getByText('Enter a justification of at least 30 characters.').waitFor();
      await page.getByText('No decision yet.').waitFor();
      await override.getByLabel('Justification of the override (required)').fill('The necessary care is available within reach of the family by train.');
      await page.getByRole('button', { name: 'Record decision with override' }).click();
      await page.getByText(`The decision is recorded: ${targetName}.`).waitFor();
      const history = page.locator('section[aria-labelledby="history-title"]');
      await history.getByText('Override of R12').waitFor();
      await expect(history.innerText()).resolves.toContain('The necessary care is available within reach of the family by train.');
      await check(page, 'household-override');

      // Another municipality now is a re-link (R15): the API checks its conditions before anything is recorded.
      const other = municipality.locator('optgroup').nth(1).locator('option', { hasText: '(R12)' }).nth(1);
      const otherCode = (await other.getAttribute('value'))!;
      await municipality.selectOption(otherCode);
      const relink = page.getByTestId('relink');
      await relink.getByLabel('Occupation (ISCO code)').fill('9112');
      await relink.getByLabel('Municipality of the workplace').selectOption(otherCode);
      await relink.getByRole('button', { name: 'Check the conditions' }).click();
      const checks = page.getByTestId('relink-checks');
      await checks.getByText('Re-link not allowed').waitFor();
      await expect(checks.innerText()).resolves.toMatch(/R15\.excluded/);
      await check(page, 'household-relink');
      await page.close();
    },
    STEP,
  );

  it(
    "platform: its own candidate with job suggestions and why; another tenant's candidate is not found",
    async () => {
      const page = await newPage(keys.platformB);
      const nav = await page.getByRole('navigation', { name: 'Hoofdnavigatie' }).innerText();
      expect(nav).not.toContain('Wachtrij huishoudens');
      await page.goto(`${base}/candidates/${ownCandidate}`);
      await page.getByRole('heading', { name: 'Passende vacatures' }).waitFor();
      // The filters: also the vacancies a gate refuses, each with the rule and why.
      await page.getByLabel('Maximale afstand (km)').fill('300');
      await page.getByLabel('Ook vacatures die niet toegankelijk zijn (met reden)').check();
      await page.getByRole('button', { name: 'Toepassen' }).click();
      await page.locator('tbody tr').first().waitFor();
      await page.getByRole('button', { name: 'Toon waarom' }).first().click();
      await page.getByRole('table', { name: /Onderdelen van de score/ }).first().waitFor();
      await check(page, 'candidate');
      await page.goto(`${base}/candidates/${foreignCandidate}`);
      await page.getByText('Niet gevonden. Het bestaat niet (meer), of het hoort niet bij uw organisatie.').waitFor();
      await check(page, 'candidate-not-found');
      await page.goto(`${base}/vacancies`);
      await page.getByRole('link', { name: 'Kok in restaurant' }).click();
      await page.getByRole('heading', { name: 'Passende kandidaten' }).waitFor();
      // Candidate suggestions for a platform's vacancy come from its own candidates only.
      await page.getByRole('link', { name: 'Amina Test' }).first().waitFor();
      expect(page.url()).toContain(ownVacancy);
      await check(page, 'vacancy');
      await page.close();
    },
    STEP,
  );

  it(
    'evaluator: runs a scenario, follows its progress and sees the comparison and the disparity chart',
    async () => {
      const page = await newPage(keys.evaluator);
      await page.getByRole('heading', { level: 1, name: 'Wat-als-scenario’s' }).waitFor();
      await page.getByText(/nu 50 km/).first().waitFor(); // the current policy's value beside the field
      // The unit agrees with the number: R5's default is one level.
      expect(await page.getByText(/^nu 1 niveaus?$/).allInnerTexts()).toEqual(['nu 1 niveau']);
      await check(page, 'scenarios');
      await page.getByLabel('Naam', { exact: true }).fill(`straal 30 km ${ext}`);
      await page.getByLabel('Alleen demonstratiegegevens').check();
      await page.getByLabel('Hoogstens zoveel huishoudens').fill('40');
      await page.getByLabel('R12 straal rond een harde binding (km)').fill('30');
      await page.getByRole('button', { name: 'Scenario doorrekenen' }).click();
      await page.getByRole('heading', { level: 1, name: `Scenario straal 30 km ${ext}` }).waitFor();
      await page.getByTestId('disparity-chart').locator('svg').first().waitFor({ timeout: 240_000 });
      await page.getByRole('table', { name: 'Uitkomsten: huidig beleid en variant' }).waitFor();
      const groups = await page.getByRole('table', { name: 'Uitkomsten per groep' }).innerText();
      expect(groups).toMatch(/geslacht/);
      // Groups in words of the screen's language, not the API's values (FEMALE, other).
      expect(groups).toMatch(/vrouw|man|overig|onbekend/);
      expect(groups).not.toMatch(/\b(FEMALE|MALE|other|unknown)\b/);
      await check(page, 'scenario');
      // The same run is listed to reopen.
      await page.getByRole('link', { name: 'Alle scenario’s' }).click();
      await page.getByRole('link', { name: `straal 30 km ${ext}` }).waitFor();
      await page.close();
    },
    STEP * 2,
  );

  it(
    'admin screens: keys (shown once), housing totals, labour-demand figures, audit log',
    async () => {
      const page = await newPage(keys.admin);
      await page.goto(`${base}/admin/keys`);
      await page.getByLabel('Omschrijving').fill('Nieuwe regievoerder');
      await page.getByRole('button', { name: 'Sleutel maken' }).click();
      await expect(page.getByTestId('new-key').innerText()).resolves.toMatch(/^kr_[a-z0-9]{12}_/);
      await check(page, 'admin-keys');
      await page.goto(`${base}/admin/housing`);
      await page.getByRole('columnheader', { name: 'Halfjaar' }).waitFor();
      await check(page, 'admin-housing');
      await page.goto(`${base}/admin/labour-demand`);
      await page.getByText('Dit zijn de meegeleverde illustratieve cijfers, geen echte UWV-cijfers.').waitFor();
      await check(page, 'admin-labour-demand');
      await page.goto(`${base}/admin/audit`);
      await page.getByLabel('Actie (bijv. candidate.* )').fill('key.*');
      await page.getByRole('button', { name: 'Toepassen' }).click();
      await page.getByRole('cell', { name: 'key.created' }).first().waitFor();
      await check(page, 'admin-audit');
      await page.close();
    },
    STEP,
  );

  it(
    'the language switch changes every visible label, on every kind of screen',
    async () => {
      const page = await newPage(keys.admin);
      for (const path of ['/queue', `/households/${decideId}`, '/scenarios', '/admin/keys', `/candidates/${ownCandidate}`]) {
        await page.goto(`${base}${path}`);
        await page.locator('h1').first().waitFor();
        if (path.startsWith('/households')) await page.locator('[data-ready="true"]').waitFor();
        if (path === '/scenarios') await page.getByText(/nu 50 km/).first().waitFor();
        await page.waitForLoadState('networkidle');
        const dutch = (await visibleLabels(page)).filter((l) => DUTCH_ONLY.some((d) => l.includes(d)));
        expect(dutch.length).toBeGreaterThan(3); // the check sees the Dutch labels before the switch
        await page.getByRole('button', { name: 'Switch to English' }).click();
        await page.getByRole('button', { name: 'Schakel naar Nederlands' }).waitFor();
        await page.waitForLoadState('networkidle');
        const left = (await visibleLabels(page)).filter((l) => DUTCH_ONLY.some((d) => l.includes(d)));
        expect({ path, left }).toEqual({ path, left: [] });
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
        if (path === '/scenarios') expect(await page.getByText(/^now 1 levels?$/).allInnerTexts()).toEqual(['now 1 level']);
        await screenshot(page, `en${path.replace(/\/[0-9a-f-]{36}$/, '').replace(/\//g, '-')}`);
        await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
        await page.getByRole('button', { name: 'Switch to English' }).waitFor();
      }
      await page.close();
    },
    STEP * 2,
  );

  it(
    'says what went wrong: a bad key, a role without access, a lost connection, too many requests',
    async () => {
      const page = await newPage('kr_000000000000_notakeyatall', false);
      await page.getByText('Uw API-sleutel is onbekend, ingetrokken of verlopen. Meld u opnieuw aan.').waitFor();
      await check(page, 'sign-in-refused');
      const evaluator = await newPage(keys.evaluator);
      await evaluator.goto(`${base}/queue`);
      await evaluator.getByText('Uw rol mag dit niet zien of doen.').waitFor();
      // A household's address (a reload, a shared link): the app asks nothing an evaluator may not
      // read (the API would refuse it), says why and offers the evaluator's own screen.
      const asked: string[] = [];
      evaluator.on('request', (r) => {
        if (r.url().endsWith('/graphql')) asked.push(JSON.parse(r.postData() ?? '{}').operationName);
      });
      await evaluator.goto(`${base}/households/${decideId}`);
      await evaluator.getByText('Een huishouden bestaat uit persoonsgegevens, en die zijn niet voor uw rol.').waitFor();
      await evaluator.getByRole('link', { name: 'Naar Wat-als-scenario’s' }).waitFor();
      await evaluator.waitForLoadState('networkidle');
      expect(asked).toContain('Whoami');
      expect(asked).not.toContain('Household');
      await check(evaluator, 'household-forbidden');
      await evaluator.close();
      const adviser = await newPage(keys.adviser);
      await adviser.route('**/graphql', (route) => route.abort('connectionrefused'));
      await adviser.goto(`${base}/queue`);
      await adviser.getByText('Geen verbinding met de server. Controleer uw verbinding en probeer het opnieuw.').waitFor();
      await adviser.unroute('**/graphql');
      await adviser.route('**/graphql', (route) =>
        route.fulfill({
          status: 429,
          contentType: 'application/json',
          headers: { 'retry-after': '7' },
          body: JSON.stringify({ errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 7 } }] }),
        }),
      );
      await adviser.goto(`${base}/vacancies`);
      await adviser.getByText('Te veel verzoeken achter elkaar. Probeer het over 7 seconden opnieuw.').waitFor();
      await adviser.close();
      await page.close();
    },
    STEP,
  );

  it('keeps the key out of the URL and out of localStorage', async () => {
    const page = await newPage(keys.adviser);
    await page.goto(`${base}/queue`);
    await page.locator('h1').waitFor();
    expect(page.url()).not.toContain(keys.adviser);
    expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toContain(keys.adviser.slice(3, 20));
    expect(await page.evaluate(() => window.sessionStorage.getItem('kansrijk.key'))).toBe(keys.adviser);
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('heading', { name: 'Aanmelden' }).waitFor();
    expect(await page.evaluate(() => window.sessionStorage.getItem('kansrijk.key'))).toBeNull();
    await page.close();
  });

  it('serves GraphiQL offline at /graphiql while introspection is on', async () => {
    const page = await browser.newPage();
    // GraphiQL's own page, under the app's Content-Security-Policy: nothing refused, nothing from outside.
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url());
    });
    await page.goto(`${base}/graphiql`);
    await page.locator('.graphiql-container').waitFor();
    await screenshot(page, 'graphiql');
    expect(outside).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  });
});
