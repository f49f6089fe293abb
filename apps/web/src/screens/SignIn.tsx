import { useState, type FormEvent } from 'react';
import type { Problem } from '../api/errors';
import { useSession } from '../auth/session';
import { ProblemMessage } from '../components/Problem';
import { Button, Field, Heading, Paragraph, TextInput } from '../components/ui';
import { useI18n } from '../i18n/I18n';
import { Page } from '../app/Layout';

/** Sign-in with an API key; the key is checked by the API (whoami) right after. */
export function SignIn({ problem }: { problem?: Problem }) {
  const { t } = useI18n();
  const { signIn, signOut } = useSession();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const k = key.trim();
    if (!k) {
      setError(t('signInEmpty'));
      return;
    }
    signIn(k);
  };
  return (
    <Page signedIn={false}>
      <Heading level={1}>{t('signInTitle')}</Heading>
      {problem && <ProblemMessage problem={problem} />}
      <Paragraph>{t('signInIntro')}</Paragraph>
      <form onSubmit={submit} onReset={signOut} noValidate>
        <Field label={t('signInKey')} hint={t('signInKeyHint')} error={error}>
          {(ids) => <TextInput ids={ids} type="password" autoComplete="off" spellCheck={false} value={key} onChange={(e) => setKey(e.target.value)} name="apiKey" />}
        </Field>
        <Button type="submit" primary>
          {t('signInButton')}
        </Button>
      </form>
    </Page>
  );
}
