import { DiffEditor } from '@monaco-editor/react';
import { Box, Loader } from '@mantine/core';
import { TEMPLATE_LANGUAGE, TEMPLATE_THEME } from '../playground/monaco-setup';

const LINE_HEIGHT = 19;
const MIN_HEIGHT = 120;
const MAX_HEIGHT = 640;

/** Two bodies side by side in Monaco's diff editor (read-only), with `{{variables}}` highlighted. */
export function SideBySideDiff({
  original,
  modified,
  height,
}: {
  original: string;
  modified: string;
  /** Defaults to fitting the longer text, within bounds. */
  height?: number;
}) {
  const lines = Math.max(original.split('\n').length, modified.split('\n').length);
  const fitted = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, (lines + 2) * LINE_HEIGHT));
  return (
    <Box
      h={height ?? fitted}
      data-testid="side-by-side-diff"
      style={{
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 'var(--mantine-radius-sm)',
        overflow: 'hidden',
        background: 'white',
      }}
    >
      <DiffEditor
        original={original}
        modified={modified}
        language={TEMPLATE_LANGUAGE}
        theme={TEMPLATE_THEME}
        loading={<Loader size="sm" />}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          // Keep the two columns even on a narrow page instead of folding into one.
          useInlineViewWhenSpaceIsLimited: false,
          minimap: { enabled: false },
          wordWrap: 'on',
          diffWordWrap: 'on',
          scrollBeyondLastLine: false,
          renderOverviewRuler: false,
          fontSize: 13,
          automaticLayout: true,
          lineDecorationsWidth: 8,
          editContext: false,
        }}
      />
    </Box>
  );
}
