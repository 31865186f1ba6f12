// Team settings (feature switches, approvers, criteria): kept in Zoho for the whole org. An
// administrator edits them here and saves them to Zoho; everyone else sees them read-only, set by
// their administrator. Where they come from, whether they are current, and what became of this
// browser's own copy from before are said above them.
import type { ReactNode } from 'react';
import type { SettingsView } from '@/lib/settings/types';
import { ErrorNotice } from '../ErrorNotice';
import { StagecoachError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { t } from '../i18n';
import { useClock, type UserClock } from '../useClock';
import { SectionLevel } from './form';

/** Whether this person edits the team settings here: Zoho said just now that they are an administrator. */
export const editsTeam = (view: SettingsView): boolean => view.team.canPublish;

function when(at: string | null, clock: UserClock): string {
  if (!at) return '';
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? '' : formatDateTime(ms, clock);
}

export function TeamSettings(props: {
  view: SettingsView;
  children: ReactNode;
  publishing: boolean;
  published: boolean;
  publishError: unknown;
  onPublish(): void;
  onUseOwn(): void;
}) {
  const { team } = props.view;
  const admin = editsTeam(props.view);
  const clock = useClock();
  const source =
    team.state === 'published'
      ? t('options_teamPublishedBy', [team.by ?? '–', when(team.at, clock)])
      : team.state === 'none'
        ? t('options_teamNone')
        : team.state === 'unavailable'
          ? t('options_teamUnavailable')
          : t('options_teamDisconnected');
  return (
    <div className="team-settings" role="group" aria-labelledby="team-heading" data-testid="team-settings" data-team-state={team.state}>
      <h2 id="team-heading" className="team-heading">
        {t('options_teamHeading')}
      </h2>
      <p className="section-intro">{admin ? t('options_teamAdminIntro') : t('options_teamByAdmin')}</p>
      <p className="notice" role="status" data-testid="team-source">
        {source}
      </p>
      {team.state === 'published' && team.error ? (
        <p className="notice notice-error" data-testid="team-stale">
          {t('options_teamStale')}
        </p>
      ) : null}
      {team.error && team.state !== 'published' ? <ErrorNotice error={StagecoachError.fromJSON(team.error)} /> : null}
      {team.ownDiffers ? (
        admin ? (
          <div className="notice" data-testid="team-own">
            <p>{t(team.state === 'published' ? 'options_teamOwnAdminPublished' : 'options_teamOwnAdmin')}</p>
            <button type="button" className="button button-secondary" onClick={props.onUseOwn}>
              {t('options_teamUseOwn')}
            </button>
          </div>
        ) : (
          <p className="notice" data-testid="team-own">
            {t(team.state === 'published' ? 'options_teamOwnIgnored' : 'options_teamOwnUntilPublished')}
          </p>
        )
      ) : null}
      <SectionLevel.Provider value={3}>{props.children}</SectionLevel.Provider>
      {admin ? (
        <div className="team-footer">
          <button type="button" className="button button-primary" disabled={props.publishing} onClick={props.onPublish} data-testid="team-publish">
            {props.publishing ? t('options_teamSaving') : t('options_teamSave')}
          </button>
          <p role="status" className="save-status" data-testid="team-status">
            {props.published ? t('options_teamSaved') : ''}
          </p>
        </div>
      ) : null}
      {props.publishError && !(props.publishError instanceof StagecoachError && props.publishError.code === 'invalid_settings') ? <ErrorNotice error={props.publishError} /> : null}
    </div>
  );
}
