// The settings as the background has them (with the policy applied and locks named).
import { queryOptions } from '@tanstack/react-query';
import { request } from '../messenger';

export const settingsQueryKey = ['settings'] as const;

export const settingsQuery = () => queryOptions({ queryKey: settingsQueryKey, queryFn: () => request('getSettings', {}), staleTime: Infinity });
