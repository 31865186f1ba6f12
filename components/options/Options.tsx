// The options page: every setting, grouped in sections, saved in one go.
import { useQuery } from '@tanstack/react-query';
import { ErrorNotice } from '../ErrorNotice';
import { t } from '../i18n';
import { settingsQuery } from '../queries';
import { OrgCheckSection } from './OrgCheckSection';
import { SettingsForm } from './SettingsForm';

export function Options() {
  const settings = useQuery(settingsQuery());
  return (
    <main className="options" aria-busy={settings.isPending}>
      <header className="options-header">
        <h1>{t('options_heading')}</h1>
      </header>
      {settings.isPending ? <p className="muted">{t('options_loading')}</p> : null}
      {settings.isError ? <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      {/* The form keeps its own draft: a later refetch never overwrites what the person typed. */}
      {settings.data ? <SettingsForm initial={settings.data} /> : null}
      {settings.isPending ? null : <OrgCheckSection />}
    </main>
  );
}
