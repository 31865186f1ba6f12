import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { t, uiLocale } from '@/components/i18n';
import { Options } from '@/components/options/Options';
import { createQueryClient } from '@/components/queries';
import '@/components/theme.css';
import '@/components/options/options.css';

document.documentElement.lang = uiLocale();
document.title = t('options_pageTitle');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <Options />
    </QueryClientProvider>
  </StrictMode>,
);
