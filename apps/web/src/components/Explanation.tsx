import { useI18n, type MessageKey } from '../i18n/I18n';
import { StatusBadge, Table } from './ui';

export interface ComponentRow {
  name: string;
  value: number;
  weight: number;
  contribution: number;
  reason: string;
}
export interface CheckRow {
  rule: string;
  passed: boolean;
  reason: string;
}

/** Every component with its contribution and reason, and every rule with its outcome and reason (R18), as the API words them. */
/** A component's name in the chosen language (the API names them in English identifiers). */
export function useComponentLabel() {
  const { t } = useI18n();
  return (name: string) => {
    const key = `comp_${name}` as MessageKey;
    return isKnown(key) ? t(key) : name;
  };
}
const KNOWN = new Set(['skills', 'language', 'diploma', 'distance', 'labourDemand', 'timeToStart', 'stability', 'education', 'experience', 'network', 'preferences', 'vacancyCount', 'vacancyQuality', 'currentJobOrSchool'].map((n) => `comp_${n}`));
const isKnown = (key: string) => KNOWN.has(key);

export function Explanation({ components, checks, title }: { components: ComponentRow[]; checks: CheckRow[]; title?: string }) {
  const { t, num } = useI18n();
  const label = useComponentLabel();
  return (
    <>
      <Table
        caption={title ? `${title}: ${t('componentsTitle')}` : t('componentsTitle')}
        rows={components}
        rowKey={(c) => c.name}
        columns={[
          { header: t('colComponent'), cell: (c) => label(c.name), rowHeader: true },
          { header: t('colValue'), cell: (c) => num(c.value, 2), numeric: true },
          { header: t('colWeight'), cell: (c) => num(c.weight, 2), numeric: true },
          { header: t('colContribution'), cell: (c) => num(c.contribution, 3), numeric: true },
          { header: t('colReason'), cell: (c) => <span className="kr-reason">{c.reason}</span> },
        ]}
      />
      <Table
        caption={title ? `${title}: ${t('checksTitle')}` : t('checksTitle')}
        rows={checks}
        rowKey={(c) => `${c.rule}-${c.reason}`}
        columns={[
          { header: t('colRule'), cell: (c) => c.rule, rowHeader: true },
          { header: t('colPassed'), cell: (c) => <StatusBadge ok={c.passed}>{c.passed ? t('passed') : t('failed')}</StatusBadge> },
          { header: t('colReason'), cell: (c) => <span className="kr-reason">{c.reason}</span> },
        ]}
      />
    </>
  );
}

/** One line of why for a list row: the rules not met, or else the part that adds most to the score. */
export function whyShort(components: ComponentRow[], checks: CheckRow[]): string {
  const failed = checks.filter((c) => !c.passed);
  if (failed.length) return failed.map((c) => `${c.rule}: ${c.reason}`).join(' ');
  const top = [...components].sort((a, b) => b.contribution - a.contribution)[0];
  return top ? top.reason : '';
}
