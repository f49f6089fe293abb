/**
 * The job ranking of `topJobsForCandidate` (eligible only, no other filter) written as ONE
 * PostgreSQL statement, for the suggestions benchmark: for the candidate `$1` (uuid) on the day
 * `$2` (date) it scores every open vacancy with the arithmetic of libs/scoring (job/pair-core.ts,
 * job/prepare-*.ts, rights/right-to-work-core.ts) under the given policy, keeps the pairs that pass
 * the gates R9.1-R9.4 and returns the best `k` by score descending, vacancy id ascending.
 *
 * The policy's numbers are written into the text as float8 literals (shortest round-trip form,
 * so PostgreSQL reads the very doubles JavaScript holds), and every sum is formed in the library's
 * order, so the scores agree with the engine's to the last bit wherever the arithmetic is plain
 * IEEE-754 (+, -, *, /, sqrt). What is not identical, and why:
 *
 * - sin, cos, asin and exp come from the C library here and from V8's own fdlibm port in the
 *   engine: they may differ in the last bit, so a distance and its decay can differ by ~1e-16
 *   relative. Ranking can change only where two scores are that close; the benchmark prints the
 *   largest difference and the share of identical top-10 lists it measured.
 * - A vacancy that lists no skills takes its ESCO occupation's skills. The engine sums their credits
 *   in the order the catalogue was loaded (an unordered SELECT, heap order); here they are summed
 *   by skill id: a last-bit difference at most, for those few vacancies.
 * - Regulated professions are compared after lower(btrim(…, whitespace)); JavaScript's
 *   trim().toLowerCase() also strips Unicode spaces and folds non-ASCII letters without a
 *   collation. Equal for ASCII names (the demo data has none).
 * - The candidate's ESCO occupations and the vacancy's fallback occupation are read from the
 *   occupation and occupation_skill tables, as the engine's catalogue is built from them at boot.
 *
 * Everything else (gates with their tolerances, R1.1-R1.7 incl. wait, lead time, W-document through
 * the contract's end, employer willingness, pro-rata minimum wage, Dublin; the historical cap when
 * the policy enables it; skills with ESCO occupation credit by years and the ISCO-4/3 floor and the
 * no-skills value; language with coaching credit and English; diploma by status and levels below;
 * distance decay; labour demand with the 4→3→2→1-digit fallback; time to start; stability) follows
 * the library step by step.
 */
import { CEFR_LEVELS, EDUCATION_LEVELS, parseIsoDay, type Policy } from '@kansrijk/scoring';

/** A double as a float8 literal PostgreSQL reads back to the same bits. */
const f = (x: number): string => {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return `'${x}'::float8`;
};
const textArray = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]::text[]`;
const floatArray = (xs: readonly number[]) => `ARRAY[${xs.map(f).join(',')}]::float8[]`;
/** Degrees to radians, the library's constant. */
const DEG = Math.PI / 180;
/** Characters JavaScript's trim() removes that matter in practice. */
const SPACES = `E' \\t\\n\\r\\f\\v'`;

/** Rules this statement does not reproduce bit for bit (printed by the benchmark). */
export const SQL_RANKING_DIFFERENCES = [
  'sin/cos/asin/exp from the C library instead of V8 (last-bit differences in distance and its decay)',
  'skills of a vacancy that lists none (ESCO fallback) summed by skill id, the engine in catalogue load order',
  'regulated profession compared after lower(btrim()) instead of JavaScript trim().toLowerCase() (same for ASCII)',
];

/**
 * The statement. Parameters: `$1` candidate id (uuid), `$2` the day (date, YYYY-MM-DD). Returns
 * `id` (text) and `score` (float8) of at most `k` rows, best first.
 */
export function jobRankingSql(policy: Policy, k = 10): string {
  const p = policy.params;
  const w = policy.jobWeights;
  const sp = p.skills;
  const st = p.stability;
  const leadDays = Math.round(p.workPermitLeadTimeWeeks * 7);
  const leadMaxDays = Math.round(p.workPermitLeadTimeMaxWeeks * 7);
  const minWagePerHour = p.statutoryMinimumWagePerMonth / p.statutoryMinimumWageFullTimeHours;
  const decayPerKm = Math.log(p.distance.valueAtReferenceRadius) / p.distance.referenceRadiusKm;
  const languageTable = p.language.valueByStepsBelow;
  const belowTable = p.diploma.valueByLevelsBelow;
  const cefr = textArray(CEFR_LEVELS);
  const edu = textArray(EDUCATION_LEVELS);
  const cap = p.historicalWorkCap;
  // R1 historical 24-week cap: only when the policy switches it on (the default does not).
  const capUntil = cap.enabled ? (cap.abolishedOn === null ? null : parseIsoDay(cap.abolishedOn)) : undefined;
  const capRule =
    capUntil === undefined
      ? ''
      : `AND NOT (${capUntil === null ? 'true' : `v.start < DATE '${cap.abolishedOn}'`} AND (v.end_day IS NULL OR v.end_day - v.start + 1 > ${Math.round(cap.weeksPerYear * 7)}))`;
  const statusCredit = (Object.entries(p.diploma.statusCredit) as [string, number][]).map(([s, c]) => `WHEN '${s}' THEN ${f(c)}`).join(' ');
  const kOk = Number.isInteger(k) && k > 0 ? k : 10;

  return `
WITH c AS MATERIALIZED (
  SELECT cand.id, cand.legal_status = 'ASYLUM_SEEKER' AS asylum,
         (cand.birth_date + interval '18 years')::date AS adult_day,
         cand.application_date,
         (cand.application_date + make_interval(months => ${p.asylumWorkWaitMonths}))::date AS wait_end,
         cand.w_document_issued AS w_issued, cand.w_document_expiry AS w_expiry,
         cand.lives_in_reception AS in_reception, cand.dublin_or_return_decision AS dublin,
         cand.lat, cand.lon, cand.lat * ${f(DEG)} AS lat_r, cand.lon * ${f(DEG)} AS lon_r, cos(cand.lat * ${f(DEG)}) AS cos_lat,
         array_position(${cefr}, cand.dutch_level::text) - 1 AS dutch,
         array_position(${cefr}, cand.english_level::text) - 1 AS english,
         cand.hours_available AS hours, cand.max_travel_km AS max_km,
         cand.occupations, cand.skill_ids,
         -- a conservative box around the travel radius (+10 m) so most rows skip the haversine
         ((cand.max_travel_km + 0.01) / 6371.0) / ${f(DEG)} AS box_lat,
         asin(least(1.0, sin((cand.max_travel_km + 0.01) / 6371.0) / cos(cand.lat * ${f(DEG)}))) / ${f(DEG)} AS box_lon,
         -- R10 stability, the candidate's part: relocation risk while in reception (R8)
         ${f(st.relocationWeight)} * CASE WHEN cand.lives_in_reception THEN ${f(st.relocationRiskValue)} ELSE ${f(1)} END AS stab_part,
         -- R9.3: regulated professions with a RECOGNISED diploma
         ARRAY(SELECT lower(btrim(d->>'regulatedProfession', ${SPACES})) FROM jsonb_array_elements(cand.diplomas) d
                WHERE d->>'status' = 'RECOGNISED' AND coalesce(d->>'regulatedProfession', '') <> '') AS recognised,
         -- R6: the best diploma value for each required rank 0..5 (index + 1)
         ARRAY(SELECT CASE WHEN r = 0 THEN ${f(1)} ELSE coalesce(max(
                    (CASE d->>'status' ${statusCredit} END)
                    * (${floatArray(belowTable)})[least(greatest(r - (array_position(${edu}, d->>'level') - 1), 0), ${belowTable.length - 1}) + 1]), ${f(0)}) END
                 FROM generate_series(0, 5) r LEFT JOIN jsonb_array_elements(cand.diplomas) d ON r > 0
                GROUP BY r ORDER BY r) AS dip_by_rank
    FROM candidate cand WHERE cand.id = $1::uuid
),
-- R7: held occupations with their credit by years and their ISCO unit (4) and minor (3) group
held AS MATERIALIZED (
  SELECT CASE WHEN o->>'iscoCode' ~ '^[0-9]{4}' THEN left(o->>'iscoCode', 4) END AS i4,
         CASE WHEN o->>'iscoCode' ~ '^[0-9]{3}' THEN left(o->>'iscoCode', 3) END AS i3,
         nullif(o->>'occupationId', '')::uuid AS occ,
         ${f(sp.occupationCreditAtZeroYears)} + ((${f(sp.occupationCreditMax)} - ${f(sp.occupationCreditAtZeroYears)}) * least((o->>'years')::float8, ${f(sp.occupationSaturationYears)})) / ${f(sp.occupationSaturationYears)} AS credit
    FROM c, jsonb_array_elements(c.occupations) o
),
-- R7: credit per skill: 1 for an explicit skill, else the best credit of a held ESCO occupation that has it as essential
cred AS MATERIALIZED (
  SELECT s, max(credit) AS credit FROM (
    SELECT unnest(c.skill_ids) AS s, ${f(1)} AS credit FROM c
    UNION ALL
    SELECT os.skill_id, h.credit FROM held h JOIN occupation o ON o.id = h.occ JOIN occupation_skill os ON os.occupation_id = o.id AND os.relation = 'essential'
  ) x GROUP BY s
),
-- Open vacancies with the pair's plain numbers: effective start, contract end, distance (haversine, 6371 km)
v AS (
  SELECT vac.id, vac.isco_code, vac.occupation_id, vac.essential_skill_ids, vac.optional_skill_ids, vac.region_code,
         vac.hours_per_week AS hours, vac.contract_months AS months, vac.monthly_wage::float8 AS wage, vac.work_permit_willingness AS willing,
         vac.language_coaching, vac.english_suffices, vac.min_english_level, vac.min_dutch_level, vac.diploma_level, vac.regulated_profession,
         greatest(vac.start_date, $2::date) AS start,
         CASE WHEN vac.contract_months IS NULL THEN NULL ELSE greatest(vac.start_date, (vac.start_date + make_interval(months => vac.contract_months))::date - 1) END AS end_day,
         ${f(2 * 6371)} * asin(least(${f(1)}, sqrt(g.s1 * g.s1 + c.cos_lat * g.cos_v * g.s2 * g.s2))) AS km
    FROM c CROSS JOIN vacancy vac
    CROSS JOIN LATERAL (SELECT sin((vac.lat * ${f(DEG)} - c.lat_r) / ${f(2)}) AS s1, sin((vac.lon * ${f(DEG)} - c.lon_r) / ${f(2)}) AS s2, cos(vac.lat * ${f(DEG)}) AS cos_v) g
   WHERE vac.status = 'OPEN'
     AND vac.lat BETWEEN c.lat - c.box_lat AND c.lat + c.box_lat
     AND vac.lon BETWEEN c.lon - c.box_lon AND c.lon + c.box_lon
     AND vac.hours_per_week::float8 <= c.hours::float8 + ${f(1e-9)}                      -- R9.2 hours
),
-- The gates R9.1 (R1.1-R1.7 for asylum seekers; status holders and people from Ukraine may always work), R9.3, R9.4
e AS (
  SELECT v.* FROM v, c
   WHERE v.km <= c.max_km::float8 + ${f(1e-3)}                                            -- R9.4 distance (1 m tolerance)
     AND (v.diploma_level IS NULL OR coalesce(v.regulated_profession, '') = ''
          OR lower(btrim(v.regulated_profession, ${SPACES})) = ANY (c.recognised))      -- R9.3 regulated profession
     AND (NOT c.asylum OR (
              c.adult_day <= v.start                                                      -- R1.1 18 on the start
          AND c.application_date IS NOT NULL AND c.wait_end <= v.start                    -- R1.2 wait over
          AND c.in_reception                                                              -- R1.3
          AND c.w_expiry IS NOT NULL AND c.w_expiry >= v.start
          AND NOT coalesce(c.w_issued > v.start, false)                                   -- R1.4 W-document valid on the start
          AND (v.end_day IS NULL OR c.w_expiry >= v.end_day)                              -- R1.4 ... through the contract's last day
          AND $2::date + ${leadDays} <= v.start                                            -- R1.5 permit lead time
          AND v.willing                                                                   -- R1.5 employer applies
          AND (v.wage IS NULL OR NOT (v.wage + ${f(1e-9)} < ${f(minWagePerHour)} * v.hours::float8)) -- R1.6 pro-rata minimum wage
          AND NOT c.dublin                                                                -- R1.7
          ${capRule}))
),
scored AS (
  SELECT e.id,
         -- R7 skills
         CASE WHEN sk.denom <= 0 THEN ${f(sp.noSkillsListedValue)}
              ELSE least(${f(1)}, (${f(sp.essentialWeight)} * sk.sum_e + ${f(sp.optionalWeight)} * sk.sum_o) / sk.denom) END AS skills,
         -- R5 language
         (${floatArray(languageTable)})[least(lg.gap, ${languageTable.length - 1}) + 1] AS language,
         -- R6 diploma
         c.dip_by_rank[CASE WHEN e.diploma_level IS NULL THEN 0 ELSE array_position(${edu}, e.diploma_level::text) - 1 END + 1] AS diploma,
         -- R10 distance decay
         exp(${f(decayPerKm)} * e.km) AS distance,
         -- R10 labour demand, ISCO 4 -> 3 -> 2 -> 1 digits, else neutral
         coalesce(${[4, 3, 2, 1]
           .map(
             (n) => `(SELECT ld.tension / (ld.tension + ${f(p.labourDemand.halfValueRatio)}) FROM labour_demand ld
                     WHERE ld.region_code = e.region_code AND ld.isco_group = left(dg.d, ${n}) AND ld.tension <> 'NaN'::float8 AND ld.tension < 'Infinity'::float8)`,
           )
           .join(',\n                  ')}, ${f(p.labourDemand.defaultValue)}) AS demand,
         -- R10 time to start (R1.5 lead time, R1.4 W-document window for open-ended contracts)
         CASE WHEN NOT c.asylum THEN ${f(1)}
              WHEN e.end_day IS NOT NULL THEN tt.lead
              ELSE tt.lead * (${f(0.5)} + ${f(0.5)} * least((c.w_expiry - e.start)::float8 / ${f(p.timeToStart.wDocumentFullWindowDays)}, ${f(1)})) END AS time_to_start,
         -- R10 stability: contract length and hours (vacancy) plus relocation risk (candidate)
         least(${f(1)}, ${f(st.contractWeight)} * CASE WHEN e.months IS NULL THEN ${f(1)} ELSE least(${f(1)}, e.months::float8 / ${f(st.fullContractMonths)}) END
                        + ${f(st.hoursWeight)} * least(${f(1)}, e.hours::float8 / ${f(st.minHoursPerWeek)}) + c.stab_part) AS stability
    FROM e CROSS JOIN c
    CROSS JOIN LATERAL (SELECT left(regexp_replace(e.isco_code, '[^0-9]', '', 'g'), 4) AS d) dg
    CROSS JOIN LATERAL (
      SELECT CASE WHEN (e.start - $2::date) >= ${leadMaxDays} OR ${leadMaxDays} <= ${leadDays} THEN ${f(1)}
                  ELSE ${f(0.5)} + (${f(0.5)} * (e.start - $2::date - ${leadDays})::float8) / ${f(leadMaxDays - leadDays)} END AS lead) tt
    CROSS JOIN LATERAL (
      SELECT CASE WHEN ge.eng < ge.dut THEN greatest(ge.eng, 0) ELSE ge.dut END AS gap
        FROM (SELECT greatest(greatest(0, array_position(${cefr}, e.min_dutch_level::text) - 1 - CASE WHEN e.language_coaching THEN ${p.languageCoachingCreditSteps} ELSE 0 END) - c.dutch, 0) AS dut,
                     CASE WHEN e.english_suffices THEN array_position(${cefr}, coalesce(e.min_english_level::text, '${p.language.defaultMinEnglishLevel}')) - 1 ELSE 99 END - c.english AS eng) ge) lg
    CROSS JOIN LATERAL (
      -- the ISCO floor: the best share of a held occupation's credit in the same unit (4) or minor (3) group
      SELECT coalesce(max(CASE WHEN vi.v4 IS NOT NULL AND h.i4 = vi.v4 THEN ${f(sp.sameIsco4Factor)} * h.credit
                               WHEN vi.v3 IS NOT NULL AND h.i3 = vi.v3 THEN ${f(sp.sameIsco3Factor)} * h.credit
                               ELSE ${f(0)} END), ${f(0)}) AS floor
        FROM (SELECT CASE WHEN e.isco_code ~ '^[0-9]{4}' THEN left(e.isco_code, 4) END AS v4,
                     CASE WHEN e.isco_code ~ '^[0-9]{3}' THEN left(e.isco_code, 3) END AS v3) vi
        LEFT JOIN held h ON true) fl
    CROSS JOIN LATERAL (
      -- the vacancy's skills (its ESCO occupation's when it lists none), each once, essential first,
      -- summed in list order as the library does: credit, at least the ISCO floor
      SELECT coalesce(sum(greatest(coalesce(cr.credit, ${f(0)}), fl.floor) ORDER BY u.ord) FILTER (WHERE u.ess), ${f(0)}) AS sum_e,
             coalesce(sum(greatest(coalesce(cr.credit, ${f(0)}), fl.floor) ORDER BY u.ord) FILTER (WHERE NOT u.ess), ${f(0)}) AS sum_o,
             (${f(sp.essentialWeight)} * count(*) FILTER (WHERE u.ess) + ${f(sp.optionalWeight)} * count(*) FILTER (WHERE NOT u.ess)) AS denom
        FROM (SELECT DISTINCT ON (l.s) l.s, l.ess, l.ord FROM (
                SELECT x.s, true AS ess, x.ord FROM unnest(CASE WHEN cardinality(e.essential_skill_ids) + cardinality(e.optional_skill_ids) = 0 AND e.occupation_id IS NOT NULL
                    THEN ARRAY(SELECT os.skill_id FROM occupation_skill os WHERE os.occupation_id = e.occupation_id AND os.relation = 'essential' ORDER BY os.skill_id)
                    ELSE e.essential_skill_ids END) WITH ORDINALITY x(s, ord)
                UNION ALL
                SELECT y.s, false, y.ord FROM unnest(CASE WHEN cardinality(e.essential_skill_ids) + cardinality(e.optional_skill_ids) = 0 AND e.occupation_id IS NOT NULL
                    THEN ARRAY(SELECT os.skill_id FROM occupation_skill os WHERE os.occupation_id = e.occupation_id AND os.relation = 'optional' ORDER BY os.skill_id)
                    ELSE e.optional_skill_ids END) WITH ORDINALITY y(s, ord)
              ) l ORDER BY l.s, l.ess DESC, l.ord) u
        LEFT JOIN cred cr ON cr.s = u.s) sk
)
SELECT id::text AS id,
       least(${f(1)}, ${f(w.skills)} * skills + ${f(w.language)} * language + ${f(w.diploma)} * diploma + ${f(w.distance)} * distance
                    + ${f(w.labourDemand)} * demand + ${f(w.timeToStart)} * time_to_start + ${f(w.stability)} * stability) AS score
  FROM scored
 ORDER BY score DESC, id ASC
 LIMIT ${kOk}`;
}
