import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { t, uiLocale } from '@/components/i18n';
import { Popup } from '@/components/Popup';
import { createQueryClient } from '@/components/queries';
import '@/components/theme.css';
import '@/components/popup.css';

document.documentElement.lang = uiLocale();
document.title = t('extName');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <Popup />
    </QueryClientProvider>
  </StrictMode>,
);
