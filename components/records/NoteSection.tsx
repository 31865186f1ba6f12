// A note on this record, written through the outbox: kept even when Zoho cannot be reached.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { StagecoachError } from '@/lib/errors';
import { ErrorNotice } from '../ErrorNotice';
import { t } from '../i18n';
import { request } from '../messenger';
import { queryKeys } from '../queries';
import { defineSection, type PanelPage } from '../sections/define';

export const noteSection = defineSection({
  id: 'note',
  modules: ['Contacts', 'Leads', 'Deals', 'Accounts'],
  order: 40,
  component: ({ page }) => <NoteForm page={page} />,
});

function NoteForm({ page }: { page: PanelPage }) {
  const [content, setContent] = useState('');
  const id = useId();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (text: string) => request('addNote', { module: page.module, recordId: page.recordId, content: text }),
    onSuccess: (item) => {
      // Stored in the outbox either way: the text is safe to clear unless Zoho refused it.
      if (item.status !== 'failed') setContent('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.sync });
    },
  });
  return (
    <form
      className="note-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (content.trim()) add.mutate(content);
      }}
    >
      <label htmlFor={id}>{t('noteLabel')}</label>
      <textarea id={id} rows={3} value={content} onChange={(event) => setContent(event.target.value)} maxLength={32000} />
      <button type="submit" className="button button-secondary" disabled={add.isPending || !content.trim()}>
        {add.isPending ? t('noteSending') : t('noteSubmit')}
      </button>
      {add.data?.status === 'done' ? <p role="status" className="muted">{t('noteSaved')}</p> : null}
      {add.data && (add.data.status === 'pending' || add.data.status === 'sending') ? (
        <p role="status" className="notice notice-warn">{t('noteQueued')}</p>
      ) : null}
      {add.data?.status === 'failed' && add.data.lastError ? <ErrorNotice error={StagecoachError.fromJSON(add.data.lastError)} /> : null}
      {add.isError ? <ErrorNotice error={add.error} /> : null}
    </form>
  );
}
