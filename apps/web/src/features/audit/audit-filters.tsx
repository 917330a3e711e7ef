import { useState, type FormEvent } from 'react';
import { Button, Card, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconFilter, IconX } from '@tabler/icons-react';
import type { FieldErrors } from '../../app/problem';
import { useApiKeys } from '../api-keys/api-keys-api';
import { useMembers } from '../members/members-api';
import {
  actorOptions,
  EMPTY_AUDIT_FILTERS,
  hasActiveFilters,
  validateAuditFilters,
  type AuditFilters,
} from './audit-query';

/** The filter form; edits stay local until "Apply", so typing does not fire a request per key. */
export function AuditFiltersForm({
  orgId,
  value,
  onApply,
}: {
  orgId: string;
  value: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}) {
  const [draft, setDraft] = useState<AuditFilters>(value);
  const members = useMembers(orgId);
  const apiKeys = useApiKeys(orgId);
  const actors = actorOptions(members.data?.items ?? [], apiKeys.data?.items ?? [], draft.actorId);
  const [errors, setErrors] = useState<FieldErrors>({});

  const set = (field: keyof AuditFilters) => (event: { currentTarget: { value: string } }) => {
    const next = event.currentTarget.value;
    setDraft((d) => ({ ...d, [field]: next }));
  };

  function apply(event: FormEvent) {
    event.preventDefault();
    const found = validateAuditFilters(draft);
    setErrors(found);
    if (Object.keys(found).length === 0) onApply(draft);
  }

  function reset() {
    setDraft(EMPTY_AUDIT_FILTERS);
    setErrors({});
    onApply(EMPTY_AUDIT_FILTERS);
  }

  return (
    <Card mb="md" padding="md">
      <form onSubmit={apply} aria-label="Audit log filters" data-testid="audit-filters">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
          <TextInput
            label="From"
            type="datetime-local"
            value={draft.from}
            onChange={set('from')}
            error={errors.from}
            data-testid="audit-filter-from"
          />
          <TextInput
            label="To"
            type="datetime-local"
            value={draft.to}
            onChange={set('to')}
            error={errors.to}
            data-testid="audit-filter-to"
          />
          <Select
            label="Actor"
            placeholder="Anyone"
            searchable
            clearable
            nothingFoundMessage="No member or key matches"
            data={actors}
            value={draft.actorId || null}
            onChange={(actorId) => setDraft((d) => ({ ...d, actorId: actorId ?? '' }))}
            data-testid="audit-filter-actor"
          />
          <TextInput
            label="Action"
            placeholder="Starts with, e.g. prompt"
            value={draft.action}
            onChange={set('action')}
            data-testid="audit-filter-action"
          />
          <TextInput
            label="Resource type"
            placeholder="e.g. api_key"
            value={draft.resourceType}
            onChange={set('resourceType')}
            data-testid="audit-filter-resource"
          />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm" gap="xs">
          {(hasActiveFilters(draft) || hasActiveFilters(value)) && (
            <Button
              variant="subtle"
              color="gray"
              leftSection={<IconX size={14} />}
              onClick={reset}
              data-testid="audit-filter-reset"
            >
              Reset
            </Button>
          )}
          <Button
            type="submit"
            variant="light"
            leftSection={<IconFilter size={14} />}
            data-testid="audit-filter-apply"
          >
            Apply filters
          </Button>
        </Group>
      </form>
    </Card>
  );
}
