import { useRef } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { Box, Loader } from '@mantine/core';
import { TEMPLATE_LANGUAGE, TEMPLATE_THEME } from './monaco-setup';
import { useRunShortcutRef } from './run-shortcut';

const MIN_HEIGHT = 72;
const MAX_HEIGHT = 420;

/** A Monaco editor for prompt text: `{{var}}` highlighting and completion, grows with its content. */
export function TemplateEditor({
  value,
  onChange,
  testId,
  readOnly = false,
  minHeight = MIN_HEIGHT,
  ariaLabel,
}: {
  value: string;
  onChange: (value: string) => void;
  testId: string;
  readOnly?: boolean;
  minHeight?: number;
  ariaLabel: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const runRef = useRunShortcutRef();

  const onMount: OnMount = (editor, monaco) => {
    // Replaces Monaco's own Ctrl+Enter ("insert line below"): the playground's shortcut runs.
    editor.addAction({
      id: 'promptops.run',
      label: 'Run the prompt',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => runRef.current?.(),
    });
    const fit = () => {
      const height = Math.min(MAX_HEIGHT, Math.max(minHeight, editor.getContentHeight()));
      if (box.current) box.current.style.height = `${height}px`;
      editor.layout();
    };
    editor.onDidContentSizeChange(fit);
    fit();
  };

  return (
    <Box
      ref={box}
      data-testid={testId}
      h={minHeight}
      style={{
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 'var(--mantine-radius-sm)',
        overflow: 'hidden',
        background: 'white',
      }}
    >
      <Editor
        value={value}
        onChange={(next) => onChange(next ?? '')}
        onMount={onMount}
        language={TEMPLATE_LANGUAGE}
        theme={TEMPLATE_THEME}
        loading={<Loader size="sm" />}
        options={{
          ariaLabel,
          readOnly,
          minimap: { enabled: false },
          lineNumbers: 'off',
          glyphMargin: false,
          folding: false,
          lineDecorationsWidth: 8,
          wordWrap: 'on',
          scrollBeyondLastLine: false,
          renderLineHighlight: 'none',
          overviewRulerLanes: 0,
          hideCursorInOverviewRuler: true,
          scrollbar: { vertical: 'auto', horizontal: 'hidden', alwaysConsumeMouseWheel: false },
          fontSize: 13,
          padding: { top: 8, bottom: 8 },
          automaticLayout: true,
          quickSuggestions: false,
          suggestOnTriggerCharacters: true,
          wordBasedSuggestions: 'off',
          // Plain textarea input keeps typing predictable for assistive tech and browser automation.
          editContext: false,
          fixedOverflowWidgets: true,
        }}
      />
    </Box>
  );
}
