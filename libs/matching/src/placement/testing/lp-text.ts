/**
 * Test support: the LP relaxation of the placement model written as CPLEX LP text straight from
 * the problem objects, for an independent solve with HiGHS's text interface.
 */
import type { PlacementProblem } from '../types';
import { shareBounds } from './brute-force';

const num = (x: number): string => x.toFixed(12);

export function lpRelaxationText(problem: PlacementProblem): string | null {
  const { households, municipalities, pairs } = problem;
  if (pairs.hh.length === 0) return null;
  const name = (k: number): string => `x${pairs.hh[k]}_${pairs.mun[k]}`;
  const byH = new Map<number, number[]>();
  const byM = new Map<number, number[]>();
  for (let k = 0; k < pairs.hh.length; k++) {
    byH.set(pairs.hh[k], [...(byH.get(pairs.hh[k]) ?? []), k]);
    byM.set(pairs.mun[k], [...(byM.get(pairs.mun[k]) ?? []), k]);
  }
  const lines = ['Maximize', ` obj: ${[...Array(pairs.hh.length).keys()].map((k) => `${num(pairs.score[k])} ${name(k)}`).join(' + ')}`, 'Subject To'];
  for (const [h, ks] of byH) lines.push(` h${h}: ${ks.map(name).join(' + ')} <= 1`);
  for (const [m, ks] of byM) {
    lines.push(` m${m}: ${ks.map((k) => `${households[pairs.hh[k]].persons} ${name(k)}`).join(' + ')} <= ${municipalities[m].capacity}`);
  }
  const bounds = shareBounds(problem);
  if (bounds !== null) {
    const all = [...Array(pairs.hh.length).keys()];
    for (const [r, lo] of bounds.lower) {
      const hi = bounds.upper.get(r) as number;
      const own = (k: number): number => (municipalities[pairs.mun[k]].regionCode === r ? 1 : 0);
      const up = all.map((k) => `${num(households[pairs.hh[k]].persons * (own(k) - hi))} ${name(k)}`);
      const low = all.map((k) => `${num(households[pairs.hh[k]].persons * (lo - own(k)))} ${name(k)}`);
      lines.push(` up_${r}: ${up.join(' + ')} <= 0`, ` lo_${r}: ${low.join(' + ')} <= 0`);
    }
  }
  lines.push('Bounds');
  for (let k = 0; k < pairs.hh.length; k++) lines.push(` 0 <= ${name(k)} <= 1`);
  lines.push('End');
  return lines.join('\n').replace(/\+ -/g, '- ');
}
