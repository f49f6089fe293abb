// The map of the Netherlands for a household's links. Loaded only with the household screen's
// map: the shipped CBS/PDOK municipality boundaries are in RD New (EPSG:28992), a planar grid,
// drawn as they are (y flipped); the hard ties come in WGS84 and are projected to RD with proj4.
import { geoIdentity, geoPath } from 'd3-geo';
import { interpolateYlGnBu } from 'd3-scale-chromatic';
import proj4 from 'proj4';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import boundaries from 'virtual:nl-municipalities';
import { useI18n } from '../i18n/I18n';

const RD_NEW =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel ' +
  '+towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';
const toRd = proj4('EPSG:4326', RD_NEW);

const WIDTH = 600;
const HEIGHT = 700;

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
  onReady?(): void;
}

export default function NlMap({ scores, ties, suggested, selected, onSelect, onReady }: Props) {
  const { t, num } = useI18n();
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const { path, projection } = useMemo(() => {
    const projection = geoIdentity().reflectY(true).fitExtent(
      [
        [8, 8],
        [WIDTH - 8, HEIGHT - 8],
      ],
      boundaries,
    );
    return { projection, path: geoPath(projection) };
  }, []);
  const shapes = useMemo(() => boundaries.features.map((f) => ({ code: f.properties.code, d: path(f) ?? '', centroid: path.centroid(f) })), [path]);
  const byCode = useMemo(() => new Map(scores.map((s) => [s.municipalityCode, s])), [scores]);
  const [lo, hi] = useMemo(() => {
    const xs = scores.filter((s) => s.eligible && s.score !== null).map((s) => s.score as number);
    return xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  }, [scores]);
  const colour = (s: MapScore | undefined) => {
    if (!s || !s.eligible || s.score === null) return 'url(#kr-excluded)';
    const x = hi > lo ? (s.score - lo) / (hi - lo) : 1;
    return interpolateYlGnBu(0.15 + 0.8 * x);
  };
  const circles = useMemo(
    () =>
      ties.map((tie) => {
        const [x, y] = projection(toRd.forward([tie.location.lon, tie.location.lat]) as [number, number]) ?? [0, 0];
        return { ...tie, x, y, r: tie.radiusKm * 1000 * projection.scale() };
      }),
    [ties, projection],
  );
  const centroidOf = useMemo(() => new Map(shapes.map((s) => [s.code, s.centroid])), [shapes]);
  useEffect(() => {
    onReady?.();
  }, [onReady]);
  const tooltip = (code: string) => {
    const s = byCode.get(code);
    if (!s) return code;
    return t('mapTooltip', {
      name: s.municipalityName,
      score: s.eligible ? num(s.score, 3) : s.excludedBy === 'R11' ? t('excludedR11') : t('excludedR12'),
      capacity: s.capacityLeft === null ? t('capacityUnknown') : t('capacityPersons', { n: num(s.capacityLeft, 0) }),
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
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="group" aria-label={t('mapTitle')}>
        <defs>
          <pattern id="kr-excluded" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#d9d9d9" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#9a9a9a" strokeWidth="2" />
          </pattern>
        </defs>
        <g aria-hidden="true">
          {shapes.map((s) => (
            <path
              key={s.code}
              d={s.d}
              fill={colour(byCode.get(s.code))}
              stroke={s.code === selected ? '#000' : '#fff'}
              strokeWidth={s.code === selected ? 2 : 0.4}
              data-code={s.code}
              onClick={() => onSelect(s.code)}
              onMouseMove={(e) => {
                const box = wrap.current?.getBoundingClientRect();
                if (box) setHover({ code: s.code, x: e.clientX - box.left + 12, y: e.clientY - box.top + 12 });
              }}
              onMouseLeave={() => setHover(null)}
            >
              <title>{tooltip(s.code)}</title>
            </path>
          ))}
          {circles.map((c, i) => (
            <g key={i}>
              <circle cx={c.x} cy={c.y} r={c.r} fill="none" stroke="#a00" strokeWidth={1.5} strokeDasharray="5 3" />
              <circle cx={c.x} cy={c.y} r={3.5} fill="#a00" />
            </g>
          ))}
        </g>
        {suggested.map((code, i) => {
          const c = centroidOf.get(code);
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
