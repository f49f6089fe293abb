import { PlacementInputError } from '../placement/placement-input-error';
import type { PlacementMunicipality } from '../placement/types';
import { HALF_YEAR_DAYS, checkStream, type ArrivalStream, type StreamHousehold } from './stream';

/**
 * Reads an arrival stream from JSON Lines, one object per line (blank lines and lines starting
 * with `#` are skipped):
 *
 *   {"type":"municipality","code":"GM0344","capacity":120,"regionCode":"AM18","population":361924}
 *   {"type":"household","id":"h1","persons":3,"day":12,"tieHolder":true,
 *    "links":{"GM0344":0.82,"GM0355":0.61},"monitoring":{"gender":"FEMALE","ageBand":"25-34","origin":"SY"}}
 *   {"type":"household","history":true, ...}
 *
 * `capacity` is the municipality's task for the whole half-year in persons (R11); `day` the day of
 * the half-year the household is decided (0-based); `links` its allowed municipalities (a
 * municipality that breaks a hard tie, R12, is left out) with their link scores in [0, 1];
 * `tieHolder` whether it holds a hard tie; `monitoring` is optional and used for the fairness
 * report only (R17). Households with `"history": true` belong to an earlier half-year and feed
 * only the forecast. Every problem is reported with its line number.
 */
export function parseStreamJsonl(text: string): ArrivalStream {
  const municipalities: PlacementMunicipality[] = [];
  const raw: { line: number; o: Record<string, unknown> }[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((s, i) => {
    const line = i + 1;
    const t = s.trim();
    if (!t || t.startsWith('#')) return;
    let o: unknown;
    try {
      o = JSON.parse(t);
    } catch {
      problems.push(`line ${line}: not JSON`);
      return;
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return void problems.push(`line ${line}: not an object`);
    const r = o as Record<string, unknown>;
    if (r.type === 'municipality') {
      const { code, capacity, regionCode, population } = r;
      if (typeof code !== 'string' || !code) problems.push(`line ${line}: code must be a municipality code`);
      else if (!Number.isInteger(capacity) || (capacity as number) < 0) problems.push(`line ${line}: capacity must be a whole number >= 0 (R11)`);
      else if (typeof regionCode !== 'string') problems.push(`line ${line}: regionCode must be a string`);
      else if (typeof population !== 'number' || !(population >= 0)) problems.push(`line ${line}: population must be a number >= 0`);
      else municipalities.push({ code, capacity: capacity as number, regionCode, population });
    } else if (r.type === 'household') raw.push({ line, o: r });
    else problems.push(`line ${line}: type must be "municipality" or "household"`);
  });
  const index = new Map(municipalities.map((m, i) => [m.code, i]));
  if (index.size !== municipalities.length) problems.push('municipalities: a code appears twice');
  const households: StreamHousehold[] = [];
  const history: StreamHousehold[] = [];
  const ids = new Set<string>();
  for (const { line, o } of raw) {
    const { id, persons, day, links, tieHolder, monitoring } = o;
    const here = (msg: string) => problems.push(`line ${line}: ${msg}`);
    if (typeof id !== 'string' || !id) { here('id must be a non-empty string'); continue; }
    const key = `${o.history === true ? 'p' : 'h'}:${id}`;
    if (ids.has(key)) { here(`id '${id}' appears twice`); continue; }
    ids.add(key);
    if (!Number.isInteger(persons) || (persons as number) < 1) { here('persons must be a whole number >= 1 (R16)'); continue; }
    if (!Number.isInteger(day) || (day as number) < 0 || (day as number) >= HALF_YEAR_DAYS) { here(`day must be a whole number from 0 to ${HALF_YEAR_DAYS - 1}`); continue; }
    if (typeof links !== 'object' || links === null || Array.isArray(links)) { here('links must be an object of municipality code to link score'); continue; }
    const entries = Object.entries(links as Record<string, unknown>)
      .map(([code, s]) => ({ code, m: index.get(code), s }))
      .sort((a, b) => (a.m ?? -1) - (b.m ?? -1));
    const bad = entries.find((e) => e.m === undefined || typeof e.s !== 'number' || !(e.s >= 0 && e.s <= 1));
    if (bad) { here(bad.m === undefined ? `links: '${bad.code}' is not a municipality of the stream` : `links.${bad.code} must be a link score in [0, 1]`); continue; }
    const mon = typeof monitoring === 'object' && monitoring !== null ? (monitoring as Record<string, unknown>) : {};
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const h: StreamHousehold = {
      id,
      persons: persons as number,
      day: day as number,
      mun: Int32Array.from(entries, (e) => e.m!),
      score: Float64Array.from(entries, (e) => e.s as number),
      tieHolder: tieHolder === true,
      monitoring: { gender: str(mon.gender), ageBand: str(mon.ageBand), origin: str(mon.origin) },
    };
    (o.history === true ? history : households).push(h);
  }
  if (problems.length) throw new PlacementInputError(problems.slice(0, 50).join('\n') + (problems.length > 50 ? `\n… and ${problems.length - 50} more` : ''));
  const stream: ArrivalStream = { municipalities, households, history };
  checkStream(stream);
  return stream;
}

/** Writes a stream as JSON Lines in the format `parseStreamJsonl` reads. */
export function streamToJsonl(stream: ArrivalStream): string {
  const lines: string[] = stream.municipalities.map((m) => JSON.stringify({ type: 'municipality', code: m.code, capacity: m.capacity, regionCode: m.regionCode, population: m.population }));
  const write = (h: StreamHousehold, history: boolean) => {
    const links: Record<string, number> = {};
    for (let j = 0; j < h.mun.length; j++) links[stream.municipalities[h.mun[j]].code] = h.score[j];
    lines.push(JSON.stringify({ type: 'household', ...(history ? { history: true } : {}), id: h.id, persons: h.persons, day: h.day, tieHolder: h.tieHolder, links, monitoring: h.monitoring }));
  };
  stream.households.forEach((h) => write(h, false));
  (stream.history ?? []).forEach((h) => write(h, true));
  return lines.join('\n') + '\n';
}
