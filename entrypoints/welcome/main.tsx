import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { t, uiLocale } from '@/components/i18n';
import { createQueryClient } from '@/components/queries';
import { Welcome } from '@/components/welcome/Welcome';
import '@/components/theme.css';
import '@/components/welcome/welcome.css';

document.documentElement.lang = uiLocale();
document.title = t('welcome_pageTitle');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <Welcome />
    </QueryClientProvider>
  </StrictMode>,
);
