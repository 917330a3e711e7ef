import { useState, type FormEvent } from 'react';
import { Alert, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { Review } from '@promptops/contracts';
import { problemFieldErrors, type FieldErrors } from '../../app/problem';
import { FormActions } from '../../components/form-actions';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { useOpenReview } from './reviews-api';

export interface ReviewRequest {
  label: string;
  version: number;
}

/** Asks for a protected label to move: opens a review that moves it once approved. */
export function RequestReviewModal({
  orgId,
  name,
  request,
  requiredApprovals,
  onClose,
  onOpened,
}: {
  orgId: string;
  name: string;
  request: ReviewRequest | null;
  requiredApprovals: number | null;
  onClose: () => void;
  onOpened: (review: Review) => void;
}) {
  const open = useOpenReview(orgId, name);
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!request) return;
    open.mutate(
      { ...request, ...(description.trim() ? { description: description.trim() } : {}) },
      {
        onSuccess: (review) => {
          notifySuccess(`Review opened: ${review.label} → v${review.version}`);
          setDescription('');
          setErrors({});
          onOpened(review);
        },
        onError: (error) => {
          setErrors(problemFieldErrors(error));
          notifyFailure('Could not open the review', error);
        },
      },
    );
  }

  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      title={
        <Group gap={6}>
          <IconLock size={16} />
          <Text fw={600}>Request review</Text>
        </Group>
      }
      centered
    >
      <form onSubmit={submit} aria-label="Request review">
        <Stack>
          <Alert color="indigo" variant="light" p="sm">
            <Text size="sm">
              <b>{request?.label}</b> is protected: it moves to <b>v{request?.version}</b> of <b>{name}</b>{' '}
              once{' '}
              {requiredApprovals === null
                ? 'the review is approved'
                : `${requiredApprovals} other ${requiredApprovals === 1 ? 'person approves' : 'people approve'}`}
              .
            </Text>
          </Alert>
          <Textarea
            label="Description"
            description="What changes for users of this label, and how you checked it"
            autosize
            minRows={3}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            data-autofocus
            data-testid="review-description"
          />
          <FormActions
            onCancel={onClose}
            submitLabel="Open review"
            submitTestId="review-open-submit"
            loading={open.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
