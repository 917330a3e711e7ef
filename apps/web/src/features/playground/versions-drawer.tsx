import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Drawer, Group, Stack, Text } from '@mantine/core';
import { IconTag } from '@tabler/icons-react';
import type { PromptVersion } from '@promptops/contracts';
import { ErrorAlert, TableSkeleton } from '../../components/query-state';
import { useCan } from '../orgs/current-org';
import { usePromptVersions } from '../prompts/prompts-api';
import { RequestReviewModal, type ReviewRequest } from '../review/request-review-modal';
import { reviewPath } from '../review/review-paths';
import { useReviewSettings } from '../review/reviews-api';
import { RollbackModal } from '../review/rollback-modal';
import { VersionTimeline } from '../review/version-timeline';
import { MoveLabelForm } from './move-label-form';

/** Every version of the prompt on a timeline: load, compare, roll back, move a label or ask to. */
export function VersionsDrawer({
  orgId,
  name,
  currentVersion,
  canWrite,
  opened,
  onClose,
  onOpenVersion,
}: {
  orgId: string;
  name: string;
  currentVersion: number | null;
  canWrite: boolean;
  opened: boolean;
  onClose: () => void;
  onOpenVersion: (version: number) => void;
}) {
  const navigate = useNavigate();
  const versions = usePromptVersions(orgId, opened ? name : null);
  const canReadReviews = useCan('reviews:read');
  const settings = useReviewSettings(orgId, opened && canReadReviews);
  // null: closed; a number: open on that version.
  const [moving, setMoving] = useState<number | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [rollingBack, setRollingBack] = useState<PromptVersion | null>(null);
  const [reviewRequest, setReviewRequest] = useState<ReviewRequest | null>(null);
  const items = [...(versions.data?.items ?? [])].sort((a, b) => b.version - a.version);
  const protectedLabels = settings.data?.protectedLabels ?? [];
  const openReview = (id: string) => void navigate(reviewPath(orgId, id));

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={<Text fw={600}>Versions of {name}</Text>}
      data-testid="versions-drawer"
    >
      <Stack gap="md">
        {canWrite && items.length > 0 && moving === null && (
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconTag size={14} />}
              onClick={() => setMoving(items[0]?.version ?? 1)}
              data-testid="label-move-open"
            >
              Move a label
            </Button>
          </Group>
        )}
        {moving !== null && (
          <MoveLabelForm
            key={moving}
            orgId={orgId}
            name={name}
            versions={items.map((v) => v.version)}
            initialVersion={moving}
            protectedLabels={protectedLabels}
            onRequestReview={(label, version) => setReviewRequest({ label, version })}
            onDone={() => setMoving(null)}
          />
        )}
        {picked !== null && (
          <Text size="sm" c="violet" data-testid="compare-hint">
            Comparing from v{picked}: pick the other version below.
          </Text>
        )}
        {versions.isPending && <TableSkeleton rows={3} />}
        {versions.isError && <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />}
        {items.length > 0 && (
          <VersionTimeline
            orgId={orgId}
            name={name}
            versions={items}
            currentVersion={currentVersion}
            canWrite={canWrite}
            protectedLabels={protectedLabels}
            picked={picked}
            onPick={setPicked}
            onOpenVersion={onOpenVersion}
            onRollback={setRollingBack}
            onMoveLabel={setMoving}
          />
        )}
      </Stack>
      <RollbackModal
        orgId={orgId}
        name={name}
        target={rollingBack}
        newest={items[0]?.version ?? null}
        onClose={() => setRollingBack(null)}
        onDone={(created) => {
          setRollingBack(null);
          onOpenVersion(created.version);
        }}
      />
      <RequestReviewModal
        orgId={orgId}
        name={name}
        request={reviewRequest}
        requiredApprovals={settings.data?.requiredApprovals ?? null}
        onClose={() => setReviewRequest(null)}
        onOpened={(review) => {
          setReviewRequest(null);
          openReview(review.id);
        }}
      />
    </Drawer>
  );
}
