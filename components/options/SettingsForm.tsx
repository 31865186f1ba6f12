// The settings form: the person's draft, one Save (button or Ctrl/Cmd+S) that sends the whole
// form, and the background's verdict — each problem beside its field and in a summary on top.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { StagecoachError } from '@/lib/errors';
import type { SettingsView } from '@/lib/settings/types';
import { isSettingsIssue } from '@/lib/settings/issues';
import { clonePlain, deleteAt, getAt, setAt } from '@/lib/settings/paths';
import { TEAM_PATHS } from '@/lib/settings/team';
import { ErrorNotice } from '../ErrorNotice';
import { t } from '../i18n';
import { request } from '../messenger';
import { AdvancedSection } from './AdvancedSection';
import { AiSection } from './AiSection';
import { ApprovalsSection } from './ApprovalsSection';
import { ConnectionSection } from './ConnectionSection';
import { toDraft, toPatch, type Draft } from './draft';
import { focusId, resolveIssues, type ResolvedIssue } from './fields';
import { FeaturesSection, NewPeopleSection } from './FeaturesSection';
import { FormContext } from './form';
import { IssueSummary } from './IssueSummary';
import { queryKeys } from '../queries';
import { SchedulingSection } from './SchedulingSection';
import { SuggestionsSection } from './SuggestionsSection';
import { editsTeam, TeamSettings } from './TeamSettings';

export interface SectionProps {
  draft: Draft;
  set(change: Partial<Draft>): void;
  view: SettingsView;
}

/**
 * The form as a patch; locked settings go back as the policy set them, the secret never does.
 * The team settings are not in it: they go to Zoho with their own button (teamPatch).
 */
function buildPatch(draft: Draft, view: SettingsView): Record<string, unknown> {
  const patch = toPatch(draft);
  for (const path of view.locked) {
    if (path === 'oauth.clientSecret') deleteAt(patch, path);
    else setAt(patch, path, clonePlain(getAt(view.settings, path)));
  }
  for (const path of TEAM_PATHS) deleteAt(patch, path);
  return patch;
}

/** The team settings of the form, for Zoho. */
function teamPatch(draft: Draft): Record<string, unknown> {
  const patch = toPatch(draft);
  return Object.fromEntries(TEAM_PATHS.map((path) => [path, patch[path]]));
}

/** The draft an administrator starts from: before any team settings are published, this browser's own (to publish them). */
function initialDraft(view: SettingsView): Draft {
  return editsTeam(view) && view.team.state === 'none' ? toDraft({ ...view, settings: { ...view.settings, ...view.team.own } }) : toDraft(view);
}

/** The provider's host is an optional permission: asked for when the provider is saved. */
function requestProviderAccess(baseUrl: string) {
  let origin: string;
  try {
    origin = new URL(baseUrl.trim()).origin;
  } catch {
    return; // the save names the problem beside the field
  }
  if (!/^https?:\/\//.test(origin)) return;
  void browser.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
}

export function SettingsForm({ initial }: { initial: SettingsView }) {
  const queryClient = useQueryClient();
  const [view, setView] = useState(initial);
  const [draft, setDraft] = useState(() => initialDraft(initial));
  const [issues, setIssues] = useState<ResolvedIssue[]>([]);
  const [saved, setSaved] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const draftRef = useRef(draft);
  draftRef.current = draft;

  const set = useCallback((change: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setSaved(false);
  }, []);

  const save = useMutation({
    mutationFn: async ({ draft: sent }: { draft: Draft }) => {
      const next = await request('saveSettings', { patch: buildPatch(sent, view) });
      if (!sent.aiKey.trim()) return next;
      const { aiKeySet } = await request('saveAiKey', { key: sent.aiKey.trim() });
      return { ...next, aiKeySet };
    },
    onSuccess: (next, { draft: sent }) => {
      queryClient.setQueryData(queryKeys.settings, next);
      setView(next);
      // What was saved, as the background normalised it; an edit made meanwhile is kept.
      if (draftRef.current === sent) setDraft(toDraft(next));
      setIssues([]);
      setSaved(true);
    },
    onError: (error, { draft: sent }) => refusedWith(error, sent),
  });

  /** After a refused save or publish: each problem beside its field, or none. */
  const refusedWith = (error: unknown, sent: Draft) => {
    setSaved(false);
    if (error instanceof StagecoachError && error.code === 'invalid_settings' && error.issues && error.issues.length > 0) {
      setIssues(resolveIssues(error.issues.filter(isSettingsIssue), sent));
      setFocusRequest((n) => n + 1);
    } else {
      setIssues([]);
    }
  };

  // The team settings go to Zoho (an administrator's button); the background checks with Zoho that they are one.
  const publish = useMutation({
    mutationFn: ({ draft: sent }: { draft: Draft }) => request('publishTeamSettings', { team: teamPatch(sent) }),
    onSuccess: (next, { draft: sent }) => {
      queryClient.setQueryData(queryKeys.settings, next);
      setView(next);
      if (draftRef.current === sent) setDraft(toDraft(next));
      setIssues([]);
    },
    onError: (error, { draft: sent }) => refusedWith(error, sent),
  });
  const takeOwn = () => {
    const own = toDraft({ ...view, settings: { ...view.settings, ...view.team.own } });
    set({ features: own.features, profiles: own.profiles, roles: own.roles, criteriaEnabled: own.criteriaEnabled, pipelineCriteria: own.pipelineCriteria });
  };

  // After a refused save: focus the first field with a problem (or the summary when none is on the page).
  useEffect(() => {
    if (focusRequest === 0) return;
    const first = issues.find((i) => i.key !== '' && document.getElementById(focusId(i.key)));
    const target = first ? document.getElementById(focusId(first.key)) : summaryRef.current;
    target?.focus();
  }, [focusRequest]);

  // Ctrl+S / Cmd+S saves, wherever focus is on the page.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        formRef.current?.requestSubmit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    setSaved(false);
    // Asked now, while the click or key press still counts as the person's gesture.
    if (draft.aiProvider === 'openai-compatible') requestProviderAccess(draft.aiBaseUrl);
    save.mutate({ draft });
  };

  const refused = [save.error, publish.error].some((error) => error instanceof StagecoachError && error.code === 'invalid_settings');
  const sectionProps: SectionProps = { draft, set, view };
  // Team settings are read-only to anyone Zoho does not call an administrator.
  const locked = editsTeam(view) ? view.locked : [...view.locked, ...TEAM_PATHS];

  return (
    <FormContext.Provider value={{ locked, issues }}>
      <form ref={formRef} className="options-form" onSubmit={onSubmit} noValidate aria-describedby="options-intro">
        <p id="options-intro" className="options-intro">
          {t('options_intro')}
        </p>
        {(save.isError || publish.isError) && refused ? <IssueSummary ref={summaryRef} issues={issues} /> : null}
        {save.isError && !refused ? <ErrorNotice error={save.error} /> : null}
        {/* In the order people need them: what a rep changes first, then the team's, then connection and advanced. */}
        <SchedulingSection {...sectionProps} />
        <NewPeopleSection {...sectionProps} />
        <TeamSettings
          view={view}
          publishing={publish.isPending}
          published={publish.isSuccess && !publish.isPending}
          publishError={publish.error}
          onPublish={() => !publish.isPending && publish.mutate({ draft })}
          onUseOwn={takeOwn}
        >
          <FeaturesSection {...sectionProps} />
          <ApprovalsSection {...sectionProps} />
          <SuggestionsSection {...sectionProps} />
        </TeamSettings>
        <AiSection {...sectionProps} />
        <ConnectionSection {...sectionProps} />
        <AdvancedSection {...sectionProps} />
        <div className="options-footer">
          <button type="submit" className="button button-primary" disabled={save.isPending} aria-keyshortcuts="Control+S Meta+S">
            {save.isPending ? t('options_saving') : t('options_save')}
          </button>
          <span className="muted options-shortcut" aria-hidden="true">
            {t(/Mac|iPhone|iPad/.test(navigator.platform) ? 'options_saveShortcutMac' : 'options_saveShortcut')}
          </span>
          <p role="status" className="save-status" data-testid="save-status">
            {saved ? t('options_saved') : ''}
          </p>
        </div>
      </form>
    </FormContext.Provider>
  );
}
