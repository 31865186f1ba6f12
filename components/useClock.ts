// The options page's and any page's way to lib/format's rule: the UI's language, the connected
// Zoho user's clock and zone (the language's own clock until the connection is known).
import { useQuery } from '@tanstack/react-query';
import { hour12FromZoho } from '@/lib/format';
import { uiLocale } from './i18n';
import { statusQuery } from './queries';

export interface UserClock {
  locale: string;
  hour12: boolean | undefined;
  timeZone: string | null;
}

export function useClock(): UserClock {
  const status = useQuery(statusQuery());
  const user = status.data && status.data.state !== 'disconnected' ? status.data.user : null;
  return { locale: uiLocale(), hour12: hour12FromZoho(user?.timeFormat), timeZone: user?.timeZone ?? null };
}
