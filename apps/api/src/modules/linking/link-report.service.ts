import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Principal, Role } from '../../common/auth/role';
import { AuditService } from '../audit/audit.service';
import { ReferenceIndex } from '../reference/reference-index.service';
import { LinkDecisionGroup, LinkDecisionReport } from './models/link-decision.model';

interface Row {
  id: string;
  municipality_code: string;
  suggestion_id: string | null;
  followed_top_suggestion: boolean | null;
  override: boolean;
  overridden_rules: string[];
  justification: string | null;
  relink: boolean;
  decided_at: Date;
  label: string | null;
}

const rate = (followed: number, from: number) => (from === 0 ? null : Math.round((followed / from) * 1e4) / 1e4);

/**
 * Link decisions of a period for supervisors (R19, human oversight): per labour-market region of
 * the municipality linked to and per adviser key, how many decisions, how often the top suggestion
 * was followed, and which hard rules were overridden and why. Every decision taken in the period
 * counts, also one a later decision superseded. Justifications are free text that may name
 * people: only admins read them.
 */
@Injectable()
export class LinkReportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly reference: ReferenceIndex,
    private readonly audit: AuditService,
  ) {}

  async report(principal: Principal, period: string): Promise<LinkDecisionReport> {
    const [rows, regions, ref]: [Row[], { code: string; name: string }[], Awaited<ReturnType<ReferenceIndex['snapshot']>>] = await Promise.all([
      this.ds.query(
        `SELECT d.id, d.municipality_code, d.suggestion_id, d.followed_top_suggestion, d.override, d.overridden_rules, d.justification, d.relink, d.decided_at, k.label
           FROM link_decision d LEFT JOIN api_key k ON k.id = d.decided_by
          WHERE d.period = $1 ORDER BY d.decided_at, d.id`,
        [period],
      ),
      this.ds.query('SELECT code, name FROM labour_market_region'),
      this.reference.snapshot(),
    ]);
    const regionName = new Map(regions.map((r) => [r.code, r.name]));
    const groups = new Map<string, LinkDecisionGroup & { rules: Map<string, number> }>();
    for (const r of rows) {
      const regionCode = ref.municipalities.get(r.municipality_code)?.regionCode ?? '';
      const key = `${regionCode}\u0000${r.label ?? ''}`;
      let g = groups.get(key);
      if (!g) {
        g = { regionCode, regionName: regionName.get(regionCode) ?? regionCode, adviser: r.label, decisions: 0, fromSuggestions: 0, followedTopSuggestion: 0, followedTopSuggestionRate: null, overrides: 0, relinks: 0, overriddenRules: [], overrideReasons: [], rules: new Map() };
        groups.set(key, g);
      }
      g.decisions++;
      if (r.suggestion_id !== null) g.fromSuggestions++;
      if (r.followed_top_suggestion === true) g.followedTopSuggestion++;
      if (r.relink) g.relinks++;
      if (r.override) {
        g.overrides++;
        for (const rule of r.overridden_rules) g.rules.set(rule, (g.rules.get(rule) ?? 0) + 1);
        g.overrideReasons.push({ decisionId: r.id, municipalityCode: r.municipality_code, overriddenRules: r.overridden_rules, justification: principal.role === Role.ADMIN ? r.justification : null, decidedAt: r.decided_at });
      }
    }
    const list = [...groups.values()]
      .map(({ rules, ...g }) => ({ ...g, followedTopSuggestionRate: rate(g.followedTopSuggestion, g.fromSuggestions), overriddenRules: [...rules].sort((a, b) => a[0].localeCompare(b[0])).map(([rule, count]) => ({ rule, count })) }))
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode) || (a.adviser ?? '').localeCompare(b.adviser ?? ''));
    const sum = (f: (g: LinkDecisionGroup) => number) => list.reduce((s, g) => s + f(g), 0);
    const report = {
      period,
      decisions: rows.length,
      fromSuggestions: sum((g) => g.fromSuggestions),
      followedTopSuggestionRate: rate(sum((g) => g.followedTopSuggestion), sum((g) => g.fromSuggestions)),
      overrides: sum((g) => g.overrides),
      relinks: sum((g) => g.relinks),
      groups: list,
    };
    await this.audit.record(principal, { action: 'link.decisionReport', subjectType: 'period', subjectRefs: [period], details: { decisions: report.decisions, overrides: report.overrides } });
    return report;
  }
}
