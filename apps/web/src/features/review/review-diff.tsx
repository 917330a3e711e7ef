import { useMemo } from 'react';
import { Skeleton, Text } from '@mantine/core';
import type { Review } from '@promptops/contracts';
import { ErrorAlert } from '../../components/query-state';
import { usePromptVersion } from '../prompts/prompts-api';
import { contentDiff } from './content-diff';
import { DiffView } from './diff-view';
import { bodyText } from './prompt-body';
import { usePromptDiff } from './reviews-api';
import '../playground/monaco-setup';

/** What the review changes: the label's current version (when it had one) → the proposed version. */
export function ReviewDiff({ orgId, review }: { orgId: string; review: Review }) {
  const name = review.promptName;
  const from = usePromptVersion(orgId, review.baseVersion !== null ? name : null, review.baseVersion);
  const to = usePromptVersion(orgId, name, review.version);
  const diff = usePromptDiff(
    orgId,
    name,
    review.baseVersion,
    review.baseVersion !== null ? review.version : null,
  );
  // A label set for the first time has nothing to compare with: the whole version is new.
  const firstTime = useMemo(
    () =>
      review.baseVersion === null && to.data
        ? contentDiff(null, { ...to.data, model: null, variables: to.data.variables.map((v) => v.name) })
        : null,
    [review.baseVersion, to.data],
  );

  const error = from.error ?? to.error ?? diff.error;
  if (error) return <ErrorAlert error={error} title="Could not load the diff" />;
  if (!to.data) return <Skeleton h={240} />;
  if (firstTime)
    return (
      <>
        <Text size="sm" c="dimmed" mb="xs">
          {review.label} does not point at any version yet: all of v{review.version} is new.
        </Text>
        <DiffView
          changes={firstTime.changes}
          hunks={firstTime.hunks}
          original=""
          modified={bodyText(to.data)}
          fromLabel="nothing"
          toLabel={`v${review.version}`}
        />
      </>
    );
  if (!from.data || !diff.data) return <Skeleton h={240} />;
  return (
    <DiffView
      changes={diff.data.changes}
      hunks={diff.data.hunks}
      original={bodyText(from.data)}
      modified={bodyText(to.data)}
      fromLabel={`v${diff.data.from} (${review.label} ${review.status === 'open' ? 'now' : 'before'})`}
      toLabel={`v${diff.data.to}`}
    />
  );
}
