// Where scheduling appears in the panel: on every record page, below a deal's stage card. Its own
// switches (free times, booking, cancelling) are read inside, per control.
import { defineSection } from '../sections/define';
import { SchedulingSection } from './SchedulingSection';

export const schedulingSection = defineSection({
  id: 'scheduling',
  modules: ['Contacts', 'Leads', 'Deals', 'Accounts'],
  order: 20,
  component: ({ page, record, status }) => <SchedulingSection page={page} record={record} status={status} />,
});
