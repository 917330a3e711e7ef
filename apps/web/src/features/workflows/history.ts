/**
 * Undo/redo over editor snapshots. A `set` either checkpoints (the state before it becomes an
 * undo step) or not (selection, a node following the mouse): a drag checkpoints once when it
 * starts, then moves without history. Consecutive checkpointing sets with the same `key` (typing
 * in one field) make one step.
 */
export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /** The key of the last checkpointing set, while nothing else happened since. */
  lastKey: string | null;
}

export type HistoryAction<T> =
  | { type: 'set'; state: T; checkpoint?: boolean; key?: string }
  | { type: 'checkpoint' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; state: T };

/** Undo steps kept; older ones are forgotten. */
export const HISTORY_LIMIT = 100;

export function initHistory<T>(state: T): History<T> {
  return { past: [], present: state, future: [], lastKey: null };
}

function pushPast<T>(history: History<T>): T[] {
  // Saving the same snapshot twice would make an undo step that changes nothing.
  if (history.past[history.past.length - 1] === history.present) return history.past;
  const past = [...history.past, history.present];
  return past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past;
}

export function historyReducer<T>(history: History<T>, action: HistoryAction<T>): History<T> {
  switch (action.type) {
    case 'set': {
      if (!action.checkpoint) return { ...history, present: action.state };
      const coalesce = action.key !== undefined && action.key === history.lastKey;
      return {
        past: coalesce ? history.past : pushPast(history),
        present: action.state,
        future: [],
        lastKey: action.key ?? null,
      };
    }
    case 'checkpoint':
      return { ...history, past: pushPast(history), future: [], lastKey: null };
    case 'undo': {
      // A checkpoint nothing followed (a click that did not drag) is no step: skip it.
      let past = history.past;
      while (past.length > 0 && past[past.length - 1] === history.present) past = past.slice(0, -1);
      const previous = past[past.length - 1];
      if (previous === undefined) return past === history.past ? history : { ...history, past };
      return {
        past: past.slice(0, -1),
        present: previous,
        future: [history.present, ...history.future],
        lastKey: null,
      };
    }
    case 'redo': {
      const [next, ...rest] = history.future;
      if (next === undefined) return history;
      return { past: [...history.past, history.present], present: next, future: rest, lastKey: null };
    }
    case 'reset':
      return initHistory(action.state);
  }
}

export function canUndo(history: History<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History<unknown>): boolean {
  return history.future.length > 0;
}
