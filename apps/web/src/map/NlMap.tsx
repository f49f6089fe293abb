// The map of the Netherlands for a household's links. Loaded only with the household screen's
// map: the shipped CBS/PDOK municipality boundaries are in RD New (EPSG:28992), a planar grid,
// drawn into SVG paths at build time (vite.config.mts); the hard ties come in WGS84 and are
// projected to RD with proj4, then into the same frame.
import { interpolateYlGnBu } from 'd3-scale-chromatic';
import proj4 from 'proj4';
import { memo, useCallback, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import map from 'virtual:nl-municipalities';
import { useI18n } from '../i18n/I18n';

const RD_NEW =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel ' +
  '+towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';
const toRd = proj4('EPSG:4326', RD_NEW);

const { width: WIDTH, height: HEIGHT, scale: SCALE, translate: [TX, TY], shapes: SHAPES } = map;
/** An RD New point (metres) in the map's frame (y flipped: north is up). */
const inFrame = ([x, y]: [number, number]): [number, number] => [x * SCALE + TX, TY - y * SCALE];
const LABEL_POINT = new Map(SHAPES.map((s) => [s.code, [s.x, s.y] as const]));
const EXCLUDED = 'url(#kr-excluded)';

export interface MapScore {
  municipalityCode: string;
  municipalityName: string;
  eligible: boolean;
  score: number | null;
  capacityLeft: number | null;
  excludedBy: string | null;
}
export interface MapTie {
  kind: string;
  municipalityCode: string;
  radiusKm: number;
  location: { lat: number; lon: number };
}

interface Props {
  scores: MapScore[];
  ties: MapTie[];
  /** The suggested municipalities, in rank order (numbered 1..n on the map). */
  suggested: string[];
  selected: string | null;
  onSelect(code: string): void;
}

/**
 * The 342 municipalities, filled by score. Memoised: the hover tooltip changes on every mouse
 * move and must not redraw them. One set of handlers on the group, not three per path.
 */
const Municipalities = memo(function Municipalities({ fills, selected, onSelect, onHover }: { fills: Map<string, string>; selected: string | null; onSelect(code: string): void; onHover(e: MouseEvent | null, code?: string): void }) {
  const codeOf = (e: MouseEvent) => (e.target as Element).getAttribute('data-code');
  return (
    <g
      onClick={(e) => {
        const code = codeOf(e);
        if (code) onSelect(code);
      }}
      onMouseMove={(e) => {
        const code = codeOf(e);
        onHover(code ? e : null, code ?? undefined);
      }}
      onMouseLeave={() => onHover(null)}
    >
      {SHAPES.map((s) => (
        <path key={s.code} d={s.d} fill={fills.get(s.code) ?? EXCLUDED} stroke={s.code === selected ? '#000' : '#fff'} strokeWidth={s.code === selected ? 2 : 0.4} data-code={s.code} />
      ))}
    </g>
  );
});

export default function NlMap({ scores, ties, suggested, selected, onSelect }: Props) {
  const { t, num, plural } = useI18n();
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const byCode = useMemo(() => new Map(scores.map((s) => [s.municipalityCode, s])), [scores]);
  const [lo, hi] = useMemo(() => {
    const xs = scores.filter((s) => s.eligible && s.score !== null).map((s) => s.score as number);
    return xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  }, [scores]);
  // Excluded (by a hard rule) or without a score: hatched grey.
  const fills = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of scores) if (s.eligible && s.score !== null) m.set(s.municipalityCode, interpolateYlGnBu(0.15 + 0.8 * (hi > lo ? (s.score - lo) / (hi - lo) : 1)));
    return m;
  }, [scores, lo, hi]);
  const circles = useMemo(
    () =>
      ties.map((tie) => {
        const [x, y] = inFrame(toRd.forward([tie.location.lon, tie.location.lat]) as [number, number]);
        return { ...tie, x, y, r: tie.radiusKm * 1000 * SCALE };
      }),
    [ties],
  );
  // The frame fits the municipalities only; a hard tie near the border has its radius reach past
  // it (50 km around Groningen or Maastricht), so the view grows to hold every whole circle.
  const viewBox = useMemo(() => {
    const pad = 2; // half the dashed stroke, and a little air
    let [x0, y0, x1, y1] = [0, 0, WIDTH, HEIGHT];
    for (const c of circles) {
      x0 = Math.min(x0, c.x - c.r - pad);
      y0 = Math.min(y0, c.y - c.r - pad);
      x1 = Math.max(x1, c.x + c.r + pad);
      y1 = Math.max(y1, c.y + c.r + pad);
    }
    return [x0, y0, x1 - x0, y1 - y0].map((v) => Math.round(v * 10) / 10).join(' ');
  }, [circles]);
  const onHover = useCallback((e: MouseEvent | null, code?: string) => {
    const box = wrap.current?.getBoundingClientRect();
    setHover(e && code && box ? { code, x: e.clientX - box.left + 12, y: e.clientY - box.top + 12 } : null);
  }, []);
  const tooltip = (code: string) => {
    const s = byCode.get(code);
    if (!s) return code;
    return t('mapTooltip', {
      name: s.municipalityName,
      score: s.eligible ? num(s.score, 3) : s.excludedBy === 'R11' ? t('excludedR11') : t('excludedR12'),
      capacity: s.capacityLeft === null ? t('capacityUnknown') : plural('capacityPersons', s.capacityLeft),
    });
  };
  const keySelect = (code: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(code);
    }
  };
  return (
    <div className="kr-map" ref={wrap} data-testid="nl-map">
      <svg viewBox={viewBox} role="group" aria-label={t('mapTitle')}>
        <defs>
          <pattern id="kr-excluded" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#d9d9d9" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" strokeWidth="2" />
          </pattern>
        </defs>
        <g aria-hidden="true">
          <Municipalities fills={fills} selected={selected} onSelect={onSelect} onHover={onHover} />
          {circles.map((c, i) => (
            <g key={i}>
              <circle cx={c.x} cy={c.y} r={c.r} fill="none" stroke="#a00" strokeWidth={1.5} strokeDasharray="5 3" />
              <circle cx={c.x} cy={c.y} r={3.5} fill="#a00" />
            </g>
          ))}
        </g>
        {suggested.map((code, i) => {
          const c = LABEL_POINT.get(code);
          const s = byCode.get(code);
          if (!c) return null;
          return (
            <g
              key={code}
              role="button"
              tabIndex={0}
              aria-label={`${i + 1}. ${s?.municipalityName ?? code}`}
              aria-pressed={selected === code}
              onClick={() => onSelect(code)}
              onKeyDown={keySelect(code)}
              className="kr-map__marker"
              data-rank={i + 1}
            >
              <circle cx={c[0]} cy={c[1]} r={11} fill="#1a1a1a" stroke="#fff" strokeWidth={2} />
              <text x={c[0]} y={c[1] + 4.5} textAnchor="middle" fontSize="13" fontWeight="700" fill="#fff">
                {i + 1}
              </text>
            </g>
          );
        })}
      </svg>
      {hover && (
        <div className="kr-map__tooltip" style={{ left: hover.x, top: hover.y }} aria-hidden="true">
          {tooltip(hover.code)}
        </div>
      )}
      <div className="kr-legend" aria-hidden="true">
        <span>
          {t('mapLegendLow')} ({num(lo, 2)}) <span className="kr-legend__ramp" style={{ background: `linear-gradient(to right, ${interpolateYlGnBu(0.15)}, ${interpolateYlGnBu(0.95)})` }} /> {t('mapLegendHigh')} ({num(hi, 2)})
        </span>
        <span>
          <svg width="16" height="12">
            <rect width="16" height="12" fill="url(#kr-excluded)" stroke="#333" />
          </svg>
          {t('mapLegendExcluded')}
        </span>
        <span>
          <svg width="16" height="12">
            <circle cx="8" cy="6" r="5" fill="none" stroke="#a00" strokeWidth="1.5" strokeDasharray="3 2" />
          </svg>
          {t('mapLegendTie')}
        </span>
      </div>
    </div>
  );
}
