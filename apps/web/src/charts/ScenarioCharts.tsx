// Charts of a finished what-if run, with Observable Plot; each chart's data is also a table.
import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';
import { Heading, Table } from '../components/ui';
import type { ScenarioQuery } from '../gql/graphql';
import { useI18n } from '../i18n/I18n';

type Scenario = NonNullable<ScenarioQuery['scenario']>;

/** The API's group values that have words of their own (gender as recorded, and the report's own groups). */
const GROUP_WORDS = { FEMALE: 'group_FEMALE', MALE: 'group_MALE', X: 'group_X', unknown: 'group_unknown', other: 'group_other' } as const;

/** Renders a Plot figure into a div, replaced whenever the options change. */
function PlotFigure({ make, label }: { make: () => SVGSVGElement | HTMLElement; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const node = make();
    // One image with one name; its marks' own labels would be children an image may not have
    // (the same figures are in the tables below).
    node.querySelectorAll('[aria-label], [aria-description]').forEach((e) => {
      e.removeAttribute('aria-label');
      e.removeAttribute('aria-description');
    });
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', label);
    ref.current?.replaceChildren(node);
    return () => node.remove();
  }, [make, label]);
  return <div ref={ref} />;
}

export default function ScenarioCharts({ scenario: s }: { scenario: Scenario }) {
  const { t, num, pct, lang } = useI18n();
  const runs = [
    { run: t('run_baseline'), m: s.baseline },
    { run: t('run_variant'), m: s.variant },
  ].filter((r): r is { run: string; m: NonNullable<Scenario['baseline']> } => !!r.m);
  const fmt = (d: number) => num(d, 2);
  const fmtPct = (d: number) => pct(d, 0);
  const style = { fontSize: '13px', fontFamily: 'inherit', background: 'transparent' };
  const bar = (key: 'householdsPlaced' | 'meanLinkScore' | 'hardTiesHonouredShare' | 'reachableVacanciesPerAdult', title: string, percent = false) => ({
    key,
    title,
    make: () =>
      Plot.plot({
        style,
        height: 160,
        width: 320,
        marginLeft: 100,
        // Room for the value written after the longest bar ("0,617", "100%").
        marginRight: 48,
        x: { grid: true, tickFormat: percent ? fmtPct : fmt, label: null },
        y: { label: null },
        marks: [
          Plot.barX(runs, { y: 'run', x: (r) => r.m[key] ?? 0, fill: 'run' }),
          Plot.text(runs, { y: 'run', x: (r) => r.m[key] ?? 0, text: (r) => (percent ? pct(r.m[key]) : num(r.m[key], Math.abs(r.m[key] ?? 0) >= 10 ? 1 : 3)), dx: 4, textAnchor: 'start' }),
          Plot.ruleX([0]),
        ],
        color: { range: ['#7f7f7f', '#1f5fa6'] },
      }),
  });
  const bars = [bar('householdsPlaced', t('chartPlaced')), bar('meanLinkScore', t('chartScore')), bar('hardTiesHonouredShare', t('chartTies'), true), bar('reachableVacanciesPerAdult', t('chartReachable'))];
  const regions = runs.flatMap((r) => r.m.regions.map((g) => ({ run: r.run, region: g.regionCode, use: g.capacity > 0 ? g.persons / g.capacity : 0, persons: g.persons, capacity: g.capacity })));
  // Countries of birth by name in the screen's language (the API reports ISO codes).
  const regionNames = new Intl.DisplayNames([lang === 'nl' ? 'nl-NL' : 'en-GB'], { type: 'region' });
  const groupLabel = (dimension: string, group: string): string => {
    if (group in GROUP_WORDS) return t(GROUP_WORDS[group as keyof typeof GROUP_WORDS]);
    if (dimension === 'origin' && /^[A-Z]{2}$/.test(group)) return regionNames.of(group) ?? group;
    return group;
  };
  const groups = runs.flatMap((r) =>
    r.m.disparities.map((g) => ({ run: r.run, dimension: t(`dimension_${g.dimension}` as 'dimension_gender'), group: groupLabel(g.dimension, g.group), placedShare: g.placedShare, people: g.people, meanLinkScore: g.meanLinkScore })),
  );
  return (
    <section aria-labelledby="charts-title" lang={lang}>
      <Heading level={2} id="charts-title">
        {t('chartsTitle')}
      </Heading>
      <div className="kr-form-row">
        {bars.map((b) => (
          <figure key={b.key} className="kr-chart">
            <figcaption>{b.title}</figcaption>
            <PlotFigure make={b.make} label={b.title} />
          </figure>
        ))}
      </div>
      <figure className="kr-chart">
        <figcaption>{t('chartRegions')}</figcaption>
        <PlotFigure
          label={t('chartRegions')}
          make={() =>
            Plot.plot({
              style,
              // One row per labour-market region: 35 codes side by side overlapped into one band.
              height: 60 + 14 * new Set(regions.map((g) => g.region)).size,
              marginLeft: 50,
              // Use is a few per cent: whole per cents would label two ticks alike.
              x: { grid: true, tickFormat: (d: number) => pct(d, 1), label: null, ticks: 4 },
              y: { label: null },
              fx: { label: null },
              color: { legend: true, range: ['#7f7f7f', '#1f5fa6'] },
              marks: [Plot.barX(regions, { y: 'region', x: 'use', fill: 'run', fx: 'run' }), Plot.ruleX([0])],
            })
          }
        />
      </figure>
      <figure className="kr-chart" data-testid="disparity-chart">
        <figcaption>{t('chartDisparity')}</figcaption>
        {[...new Set(groups.map((g) => g.dimension))].map((dimension) => {
          const rows = groups.filter((g) => g.dimension === dimension);
          return (
            <PlotFigure
              key={dimension}
              label={`${t('chartDisparity')}: ${dimension}`}
              make={() =>
                Plot.plot({
                  style,
                  title: dimension,
                  height: 40 + 34 * new Set(rows.map((g) => g.group)).size,
                  marginLeft: 110,
                  x: { grid: true, domain: [0, 1], tickFormat: fmtPct, label: null },
                  y: { axis: null },
                  fy: { label: null },
                  color: { legend: true, range: ['#7f7f7f', '#1f5fa6'] },
                  marks: [Plot.barX(rows, { fy: 'group', y: 'run', x: 'placedShare', fill: 'run' }), Plot.ruleX([0])],
                })
              }
            />
          );
        })}
      </figure>
      <Table
        caption={t('disparityTable')}
        rows={groups}
        rowKey={(g) => `${g.run}/${g.dimension}/${g.group}`}
        columns={[
          { header: t('colDimension'), cell: (g) => g.dimension, rowHeader: true },
          { header: t('colGroup'), cell: (g) => g.group },
          { header: t('colVariant'), cell: (g) => g.run },
          { header: t('colPeople'), cell: (g) => num(g.people, 0), numeric: true },
          { header: t('colPlacedShare'), cell: (g) => pct(g.placedShare), numeric: true },
          { header: t('colMeanScore'), cell: (g) => num(g.meanLinkScore, 3), numeric: true },
        ]}
      />
      <Table
        caption={t('chartRegions')}
        rows={regions}
        rowKey={(g) => `${g.run}/${g.region}`}
        columns={[
          { header: t('colRegion'), cell: (g) => g.region, rowHeader: true },
          { header: t('colVariant'), cell: (g) => g.run },
          { header: t('unit_persons'), cell: (g) => num(g.persons, 0), numeric: true },
          { header: t('colCapacity'), cell: (g) => num(g.capacity, 0), numeric: true },
          { header: t('colUse'), cell: (g) => pct(g.use), numeric: true },
        ]}
      />
    </section>
  );
}
