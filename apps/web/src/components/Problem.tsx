import type { CombinedError } from 'urql';
import { problemOf, type Problem } from '../api/errors';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/I18n';
import { Alert, Button, Paragraph } from './ui';

/** A failed call told in the chosen language: each API error code, and a lost connection, has its own message. */
export function ProblemMessage({ error, problem, onRetry }: { error?: CombinedError; problem?: Problem | null; onRetry?: () => void }) {
  const { t, plural } = useI18n();
  const { signOut } = useSession();
  const p = problem ?? problemOf(error);
  if (!p) return null;
  let text: string;
  switch (p.kind) {
    case 'RATE_LIMITED':
      text = plural('err_RATE_LIMITED', p.retryAfterSeconds);
      break;
    case 'BAD_USER_INPUT':
      text = t('err_BAD_USER_INPUT');
      break;
    case 'OTHER':
      text = t('err_OTHER', { code: p.code });
      break;
    default:
      text = t(`err_${p.kind}`);
  }
  return (
    <Alert type="error">
      <Paragraph>{text}</Paragraph>
      {p.kind === 'BAD_USER_INPUT' && (
        <ul className="utrecht-unordered-list">
          {p.fields.map((f, i) => (
            <li key={i} className="utrecht-unordered-list__item">
              {f.message}
            </li>
          ))}
        </ul>
      )}
      {p.kind === 'UNAUTHENTICATED' && <Button onClick={signOut}>{t('signInAgain')}</Button>}
      {(p.kind === 'NETWORK' || p.kind === 'RATE_LIMITED' || p.kind === 'OTHER') && onRetry && <Button onClick={onRetry}>{t('retry')}</Button>}
    </Alert>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="utrecht-paragraph" role="status">
      {t('loading')}
    </p>
  );
}

export function Pager({ skip, take, total, onChange }: { skip: number; take: number; total: number; onChange: (skip: number) => void }) {
  const { t, num } = useI18n();
  const pages = Math.max(1, Math.ceil(total / take));
  const page = Math.floor(skip / take) + 1;
  return (
    <nav className="kr-form-row" aria-label={t('pageOf', { page, pages, total: num(total, 0) })}>
      <Button disabled={skip === 0} onClick={() => onChange(Math.max(0, skip - take))}>
        {t('previous')}
      </Button>
      <span>{t('pageOf', { page, pages, total: num(total, 0) })}</span>
      <Button disabled={skip + take >= total} onClick={() => onChange(skip + take)}>
        {t('next')}
      </Button>
    </nav>
  );
}
