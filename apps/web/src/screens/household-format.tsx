import { StatusBadge } from '../components/ui';
import { useI18n } from '../i18n/I18n';

/** A household's name on screen: its external id, or the pseudonyms of its members. */
export const householdName = (h: { externalId?: string | null; members: { pseudonym: string }[] }) => h.externalId ?? h.members.map((m) => m.pseudonym).join(' + ');

/** Days left of the link window as the API counts them (domain §1), overdue shown as such. */
export function DaysLeft({ days }: { days: number | null | undefined }) {
  const { t, plural } = useI18n();
  if (days === null || days === undefined) return <>–</>;
  if (days < 0) return <StatusBadge ok={false}>{plural('daysOverdue', -days)}</StatusBadge>;
  if (days === 0) return <StatusBadge ok={false}>{t('dueToday')}</StatusBadge>;
  return <StatusBadge ok={days > 3 ? true : null}>{plural('daysLeft', days)}</StatusBadge>;
}
