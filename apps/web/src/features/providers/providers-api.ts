import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateModelRequest,
  CreateProviderRequest,
  Model,
  Provider,
  ProviderHealth,
  UpdateModelRequest,
  UpdateProviderRequest,
} from '@promptops/contracts';
import { api, unwrap } from '../../app/api-client';

export const providersQueryKey = (orgId: string) => ['orgs', orgId, 'providers'] as const;
export const modelsQueryKey = (orgId: string) => ['orgs', orgId, 'models'] as const;

/**
 * Providers and models as the API returns them. `health` is optional here so the UI works
 * (showing "unknown") against a server that does not run health checks yet.
 */
export type ProviderView = Provider & { health?: ProviderHealth };
export type ModelView = Model & { health?: ProviderHealth };

/** How often the settings page refreshes health, breaker state and usage while it is open. */
export const LIVE_REFRESH_MS = 10_000;

interface CatalogOptions {
  /** Refetch every LIVE_REFRESH_MS (the providers page); the playground loads once. */
  live?: boolean;
}

export function useProviders(orgId: string, { live = false }: CatalogOptions = {}) {
  return useQuery({
    queryKey: providersQueryKey(orgId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/orgs/{orgId}/providers', { params: { path: { orgId } }, signal })),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}

export function useModels(orgId: string, { live = false }: CatalogOptions = {}) {
  return useQuery({
    queryKey: modelsQueryKey(orgId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/orgs/{orgId}/models', { params: { path: { orgId } }, signal })),
    refetchInterval: live ? LIVE_REFRESH_MS : false,
  });
}

/** The last `hours` of health checks of one provider, newest first. */
export function useHealthHistory(orgId: string, providerId: string, hours = 24) {
  return useQuery({
    queryKey: [...providersQueryKey(orgId), providerId, 'health', hours],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/orgs/{orgId}/providers/{id}/health', {
          params: { path: { orgId, id: providerId }, query: { hours } },
          signal,
        }),
      ),
    refetchInterval: 60_000,
    // A server without health history answers 404; that is "no history", not an error to retry.
    retry: false,
  });
}

function useInvalidateCatalog(orgId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: providersQueryKey(orgId) }),
      queryClient.invalidateQueries({ queryKey: modelsQueryKey(orgId) }),
    ]);
}

export function useCreateProvider(orgId: string) {
  const invalidate = useInvalidateCatalog(orgId);
  return useMutation({
    mutationFn: (request: CreateProviderRequest) =>
      unwrap(api.POST('/api/v1/orgs/{orgId}/providers', { params: { path: { orgId } }, body: request })),
    onSuccess: invalidate,
  });
}

export function useDeleteProvider(orgId: string) {
  const invalidate = useInvalidateCatalog(orgId);
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/orgs/{orgId}/providers/{id}', { params: { path: { orgId, id } } })),
    onSuccess: invalidate,
  });
}

export function useUpdateProvider(orgId: string) {
  const invalidate = useInvalidateCatalog(orgId);
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateProviderRequest }) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{orgId}/providers/{id}', { params: { path: { orgId, id } }, body: changes }),
      ),
    onSuccess: invalidate,
  });
}

/** Runs a health check now; the provider, its models and its history then show the result. */
export function useHealthCheck(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (providerId: string) =>
      unwrap(
        api.POST('/api/v1/orgs/{orgId}/providers/{id}/health-check', {
          params: { path: { orgId, id: providerId } },
          body: {},
        }),
      ),
    onSuccess: ({ health }, providerId) => {
      // Show the result at once; the refetch below then brings the models' health too.
      queryClient.setQueryData<{ items: ProviderView[] }>(providersQueryKey(orgId), (list) =>
        list ? { items: list.items.map((p) => (p.id === providerId ? { ...p, health } : p)) } : list,
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: providersQueryKey(orgId) }),
        queryClient.invalidateQueries({ queryKey: modelsQueryKey(orgId) }),
      ]);
    },
  });
}

export function useCreateModel(orgId: string) {
  const invalidate = useInvalidateCatalog(orgId);
  return useMutation({
    mutationFn: (request: CreateModelRequest) =>
      unwrap(api.POST('/api/v1/orgs/{orgId}/models', { params: { path: { orgId } }, body: request })),
    onSuccess: invalidate,
  });
}

export function useUpdateModel(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateModelRequest }) =>
      unwrap(
        api.PATCH('/api/v1/orgs/{orgId}/models/{id}', { params: { path: { orgId, id } }, body: changes }),
      ),
    onSuccess: (model) =>
      queryClient.setQueryData<{ items: ModelView[] }>(modelsQueryKey(orgId), (list) =>
        list ? { items: list.items.map((m) => (m.id === model.id ? model : m)) } : list,
      ),
  });
}
