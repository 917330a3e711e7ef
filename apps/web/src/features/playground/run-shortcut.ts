import { createContext, useContext, useEffect, useRef } from 'react';

/**
 * Ctrl+Enter (Cmd+Enter on macOS) runs the prompt from anywhere in the playground. Monaco
 * handles its own keys (Ctrl+Enter would insert a line), so each editor registers the shortcut
 * as an editor action that calls the workspace's run through this context.
 */
export const RunShortcutContext = createContext<(() => void) | null>(null);

/** The latest run function in a ref, so an editor mounted once always calls the current one. */
export function useRunShortcutRef() {
  const run = useContext(RunShortcutContext);
  const ref = useRef(run);
  useEffect(() => {
    ref.current = run;
  }, [run]);
  return ref;
}

export function isMacPlatform(): boolean {
  if (typeof navigator === 'undefined') return false;
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ??
    navigator.platform;
  return /mac|iphone|ipad/i.test(platform);
}

/** Whether a keyboard event comes from inside a Monaco editor (which runs the shortcut itself). */
export function fromMonaco(event: KeyboardEvent): boolean {
  return event.target instanceof Element && event.target.closest('.monaco-editor') !== null;
}
