import { useMemo } from 'react';
import { Text } from '@mantine/core';
import { wordDiff } from './word-diff';

/** An output with its word diff against the expected text: missing words struck, added ones marked. */
export function DiffText({ expected, output }: { expected: string; output: string }) {
  const segments = useMemo(() => wordDiff(expected, output), [expected, output]);
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="diff-text">
      {segments.map((s, i) =>
        s.op === 'equal' ? (
          <span key={i}>{s.text}</span>
        ) : s.op === 'insert' ? (
          <ins
            key={i}
            style={{
              background: 'var(--mantine-color-green-light)',
              textDecoration: 'none',
              borderRadius: 2,
            }}
          >
            {s.text}
          </ins>
        ) : (
          <del
            key={i}
            style={{
              background: 'var(--mantine-color-red-light)',
              color: 'var(--mantine-color-red-8)',
              borderRadius: 2,
            }}
          >
            {s.text}
          </del>
        ),
      )}
    </Text>
  );
}
