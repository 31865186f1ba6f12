// On a contact's page: the contact's open deals, each opening to its stage suggestion (the card is
// read only when opened). Deals with a suggestion say so in words ("Suggestion: Proposal"): the
// rules run on all of them in one bulk read once the list is known (the first 25).
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ConnectionStatus } from '@/lib/connection/types';
import { ErrorNotice } from '../ErrorNotice';
import { usePageSignal } from '../sections/define';
import { t } from '../i18n';
import { contactDealMarksQuery, contactDealsQuery } from './queries';
import { DealSuggestion } from './StageSection';
import './suggestions.css';

type Connected = Extract<ConnectionStatus, { state: 'connected' | 'reconnect_needed' }>;

export function ContactDeals({ contactId, orgId, user }: { contactId: string; orgId: string | null; user: Connected['user'] }) {
  const headingId = useId();
  const page = usePageSignal();
  const deals = useQuery(contactDealsQuery(contactId, page));
  const ids = (deals.data ?? []).slice(0, 25).map((deal) => deal.id);
  // Marks are extra: while they load, or if they cannot be read, the list shows without them.
  const marks = useQuery(contactDealMarksQuery(contactId, ids, page));
  const target = (id: string) => marks.data?.find((mark) => mark.dealId === id)?.target ?? null;
  return (
    <section className="stage" aria-labelledby={headingId} data-testid="contact-deals">
      <h3 id={headingId} className="stage-heading">
        {t('stage_contactDeals')}
      </h3>
      {deals.isPending ? <p className="muted">{t('stage_loading')}</p> : null}
      {deals.isError ? <ErrorNotice error={deals.error} onRetry={() => void deals.refetch()} /> : null}
      {deals.data?.length === 0 ? <p className="muted">{t('stage_noOpenDeals')}</p> : null}
      <ul className="stage-deals">
        {deals.data?.map((deal) => (
          <li key={deal.id}>
            <DealDisclosure deal={deal} suggested={target(deal.id)} orgId={orgId} user={user} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function DealDisclosure({ deal, suggested, orgId, user }: { deal: { id: string; name: string; stage: string }; suggested: string | null; orgId: string | null; user: Connected['user'] }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="stage-deal" onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="contact-deal">
      <summary>
        <span className="stage-deal-name">{deal.name}</span> <span className="muted">· {deal.stage}</span>
        {suggested ? (
          <>
            {' '}
            <span className="stage-deal-tag" data-testid="contact-deal-suggestion">
              {t('stage_dealSuggestion', suggested)}
            </span>
          </>
        ) : null}
      </summary>
      {open ? <DealSuggestion dealId={deal.id} orgId={orgId} user={user} showPipeline={false} /> : null}
    </details>
  );
}
