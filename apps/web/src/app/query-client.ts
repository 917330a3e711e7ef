import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './problem';

export function shouldRetry(failureCount: number, error: unknown): boolean {
  // A 4xx answer will not change on retry; network errors and 5xx might.
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
