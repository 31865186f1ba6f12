// Where stage suggestions appear in the panel: on a deal, its stage card first (it is what a
// manager opens the deal for); on a contact, the contact's open deals.
import { defineSection } from '../sections/define';
import { ContactDeals } from './ContactDeals';
import { StageSection } from './StageSection';

export const stageSection = defineSection({
  id: 'stage',
  modules: ['Deals'],
  feature: 'stageSuggestions',
  order: 10,
  component: ({ page, status }) => <StageSection key={page.recordId} dealId={page.recordId} orgId={page.orgId} user={status.user} />,
});

export const contactDealsSection = defineSection({
  id: 'contact-deals',
  modules: ['Contacts'],
  feature: 'stageSuggestions',
  order: 30,
  component: ({ page, status }) => <ContactDeals key={page.recordId} contactId={page.recordId} orgId={page.orgId} user={status.user} />,
});
