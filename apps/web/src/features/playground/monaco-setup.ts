// Monaco from the bundled `monaco-editor` package — never a CDN (the app must work offline and
// under a strict CSP). Importing this module configures @monaco-editor/react's loader.
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import { loader } from '@monaco-editor/react';
import { openTagPrefix } from '@promptops/templates';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
loader.config({ monaco });

export const TEMPLATE_LANGUAGE = 'promptops-template';
export const TEMPLATE_THEME = 'promptops-light';

monaco.languages.register({ id: TEMPLATE_LANGUAGE });
// The same three forms the template parser recognises (@promptops/templates): escaped
// backslash, escaped braces, and a `{{ name }}` tag.
monaco.languages.setMonarchTokensProvider(TEMPLATE_LANGUAGE, {
  tokenizer: {
    root: [
      [/\\\\(?=\{\{)/, 'string.escape'],
      [/\\\{\{/, 'string.escape'],
      [/\{\{\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\}/, 'variable'],
      [/[^\\{]+/, ''],
      [/./, ''],
    ],
  },
});
monaco.languages.setLanguageConfiguration(TEMPLATE_LANGUAGE, {
  brackets: [],
  autoClosingPairs: [],
  wordPattern: /[A-Za-z_][A-Za-z0-9_]*/,
});
monaco.editor.defineTheme(TEMPLATE_THEME, {
  base: 'vs',
  inherit: true,
  rules: [
    { token: 'variable', foreground: '4c6ef5', fontStyle: 'bold' },
    { token: 'string.escape', foreground: '868e96', fontStyle: 'italic' },
  ],
  colors: { 'editor.background': '#ffffff', 'editor.lineHighlightBackground': '#f8f9fa' },
});

/** Variables of the prompt being edited, across all its editors (chat messages). */
let knownVariables: readonly string[] = [];
export function setKnownVariables(names: readonly string[]): void {
  knownVariables = names;
}

monaco.languages.registerCompletionItemProvider(TEMPLATE_LANGUAGE, {
  triggerCharacters: ['{'],
  provideCompletionItems(model, position) {
    const line = model.getLineContent(position.lineNumber);
    const before = line.slice(0, position.column - 1);
    const partial = openTagPrefix(before);
    if (partial === null) return { suggestions: [] };
    const closed = line
      .slice(position.column - 1)
      .trimStart()
      .startsWith('}}');
    const range = new monaco.Range(
      position.lineNumber,
      position.column - partial.length,
      position.lineNumber,
      position.column,
    );
    return {
      suggestions: knownVariables.map((name, i) => ({
        label: name,
        kind: monaco.languages.CompletionItemKind.Variable,
        detail: 'prompt variable',
        insertText: closed ? name : `${name}}}`,
        range,
        sortText: String(i).padStart(4, '0'),
      })),
    };
  },
});

export { monaco };
