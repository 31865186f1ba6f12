// Action items found in meeting notes ("send the proposal by Friday"), each offered as a Zoho
// Task whose subject, due date and priority can be changed before it is created.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { StagecoachError } from '@/lib/errors';
import type { DealSuggestionView } from '@/lib/suggestions/views';
import type { ActionItem } from '@/lib/suggestions/types';
import { ErrorNotice } from '../ErrorNotice';
import { SelectField, TextField } from '../fields/Field';
import { t, type MessageKey } from '../i18n';
import { request } from '../messenger';
import { queryKeys } from '../queries';

const PRIORITIES = ['Highest', 'High', 'Normal', 'Low', 'Lowest'] as const;

export function FollowUps({ view }: { view: DealSuggestionView }) {
  const headingId = useId();
  return (
    <section className="stage-followups" aria-labelledby={headingId} data-testid="follow-ups">
      <h4 id={headingId} className="stage-subheading">
        {t('stage_followUps')}
      </h4>
      <ul>
        {view.actionItems.map((item) => (
          <li key={item.id}>
            <FollowUp dealId={view.deal.id} item={item} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function FollowUp({ dealId, item }: { dealId: string; item: ActionItem }) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const [subject, setSubject] = useState(item.subject);
  const [dueDate, setDueDate] = useState(item.dueDate);
  const [priority, setPriority] = useState<ActionItem['priority']>(item.priority);
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => request('createFollowUp', { dealId, subject: subject.trim(), dueDate, priority, noteId: item.noteId }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.sync }),
  });
  const result = create.data;
  if (result && result.status !== 'failed') {
    return (
      <p className={result.status === 'done' ? 'notice notice-ok' : 'notice notice-warn'} role="status" data-testid="follow-up-created">
        {t(result.status === 'done' ? 'stage_taskCreated' : 'stage_taskQueued', subject.trim())}
      </p>
    );
  }
  return (
    <div className="stage-followup" data-testid="follow-up">
      <q className="stage-quote">{item.sentence}</q>
      {!open ? (
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)} aria-label={t('stage_offerTaskFor', item.subject)}>
          {t('stage_offerTask')}
        </button>
      ) : (
        <form
          className="stage-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (subject.trim() && dueDate) create.mutate();
          }}
        >
          <TextField id={`${ids}-subject`} label={t('stage_taskSubject')} value={subject} maxLength={255} required onChange={(event) => setSubject(event.target.value)} />
          <TextField id={`${ids}-due`} label={t('stage_taskDue')} type="date" value={dueDate} required onChange={(event) => setDueDate(event.target.value)} />
          <SelectField<ActionItem['priority']>
            id={`${ids}-priority`}
            label={t('stage_taskPriority')}
            value={priority}
            choices={PRIORITIES.map((value) => ({ value, label: t(`stage_priority_${value}` as MessageKey) }))}
            onChange={setPriority}
          />
          <div className="stage-buttons">
            <button type="submit" className="button button-primary" disabled={create.isPending || !subject.trim() || !dueDate}>
              {create.isPending ? t('stage_saving') : t('stage_createTask')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              {t('stage_back')}
            </button>
          </div>
          {result?.status === 'failed' && result.lastError ? <ErrorNotice error={StagecoachError.fromJSON(result.lastError)} /> : null}
          {create.isError ? <ErrorNotice error={create.error} /> : null}
        </form>
      )}
    </div>
  );
}
