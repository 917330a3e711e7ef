import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Skeleton,
  Stack,
  Switch,
  TagsInput,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconInfoCircle, IconLock } from '@tabler/icons-react';
import type { ReviewSettings } from '@promptops/contracts';
import { ApiError } from '../../app/problem';
import { PageHeader } from '../../components/page-header';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { ErrorAlert } from '../../components/query-state';
import { useDatasets } from '../datasets/datasets-api';
import { errorsUnder, serverFieldErrors } from '../evaluations/evaluation-form';
import { useCan, useCurrentOrg } from '../orgs/current-org';
import { usePrompts } from '../prompts/prompts-api';
import { useModels } from '../providers/providers-api';
import { GateFields } from './gate-fields';
import { reviewsPath } from './review-paths';
import { draftToSettingsRequest, settingsToDraft, type ReviewSettingsDraft } from './review-settings-form';
import { useReviewSettings, useUpdateReviewSettings } from './reviews-api';

function SettingsForm({
  orgId,
  settings,
  canEdit,
}: {
  orgId: string;
  settings: ReviewSettings;
  canEdit: boolean;
}) {
  const [draft, setDraft] = useState<ReviewSettingsDraft>(() => settingsToDraft(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const update = useUpdateReviewSettings(orgId);
  const datasets = useDatasets(orgId, '');
  const prompts = usePrompts(orgId, '');
  const models = useModels(orgId);
  const change = (patch: Partial<ReviewSettingsDraft>) => setDraft((d) => ({ ...d, ...patch }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = draftToSettingsRequest(draft);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    update.mutate(result.request, {
      onSuccess: (saved) => {
        setDraft(settingsToDraft(saved));
        notifySuccess('Review settings saved');
      },
      onError: (error) => {
        setErrors(error instanceof ApiError ? serverFieldErrors(error.problem.errors ?? []) : {});
        notifyFailure('Could not save the settings', error);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Review settings">
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="md" maw={980}>
          <Card padding="lg">
            <Stack gap="md">
              <Title order={4}>Protected labels</Title>
              <TagsInput
                label="Labels"
                description="Moving one of these needs an approved review — for everyone, admins and API keys included."
                placeholder={draft.protectedLabels.length === 0 ? 'production' : undefined}
                leftSection={<IconLock size={14} />}
                value={draft.protectedLabels}
                onChange={(protectedLabels) => change({ protectedLabels })}
                error={
                  errors.protectedLabels ??
                  Object.entries(errors).find(([k]) => k.startsWith('protectedLabels.'))?.[1]
                }
                data={['production', 'staging']}
                data-testid="settings-protected-labels"
              />
              <NumberInput
                label="Required approvals"
                description="Other people who must approve before the label moves (1–5)."
                min={1}
                max={5}
                clampBehavior="strict"
                allowDecimal={false}
                value={draft.requiredApprovals}
                onChange={(value) => change({ requiredApprovals: typeof value === 'number' ? value : 1 })}
                error={errors.requiredApprovals}
                maw={360}
                data-testid="settings-required-approvals"
              />
            </Stack>
          </Card>
          <Card padding="lg">
            <Stack gap="md">
              <Group justify="space-between">
                <Stack gap={2}>
                  <Title order={4}>Evaluation gate</Title>
                  <Text size="sm" c="dimmed">
                    Every review runs this evaluation as it opens, on the proposed version; it merges only
                    when the scores meet the thresholds.
                  </Text>
                </Stack>
                <Switch
                  checked={draft.gateEnabled}
                  onChange={(e) => change({ gateEnabled: e.currentTarget.checked })}
                  label={draft.gateEnabled ? 'On' : 'Off'}
                  data-testid="settings-gate-enabled"
                />
              </Group>
              {draft.gateEnabled && (
                <GateFields
                  draft={draft}
                  datasets={datasets.data?.items ?? []}
                  prompts={prompts.data?.items ?? []}
                  models={models.data?.items ?? []}
                  errors={errorsUnder(errors, 'evaluationGate.')}
                  onChange={change}
                />
              )}
            </Stack>
          </Card>
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} data-testid="settings-save">
                Save settings
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

/** /reviews/settings — which labels need a review, how many approvals, and the optional evaluation gate. */
export function ReviewSettingsPage() {
  const { organization } = useCurrentOrg();
  const orgId = organization.id;
  const canEdit = useCan('review-settings:write');
  const settings = useReviewSettings(orgId);

  return (
    <>
      <Anchor component={Link} to={reviewsPath(orgId)} size="sm" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Reviews
        </Group>
      </Anchor>
      <PageHeader
        title="Protected labels"
        description="Labels that move only through an approved review, and what a review needs before it merges."
      />
      {!canEdit && (
        <Alert
          color="gray"
          variant="light"
          icon={<IconInfoCircle size={18} />}
          mb="md"
          data-testid="settings-read-only"
        >
          Only admins change these settings.
        </Alert>
      )}
      {settings.isPending && <Skeleton h={320} data-testid="loading" />}
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && <SettingsForm orgId={orgId} settings={settings.data} canEdit={canEdit} />}
    </>
  );
}
