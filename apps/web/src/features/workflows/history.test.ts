import { describe, expect, it } from 'vitest';
import {
  canRedo,
  canUndo,
  HISTORY_LIMIT,
  historyReducer,
  initHistory,
  type History,
  type HistoryAction,
} from './history';

const run = (actions: HistoryAction<string>[], start = 'a'): History<string> =>
  actions.reduce(historyReducer<string>, initHistory(start));

describe('historyReducer', () => {
  it('undoes and redoes checkpointed changes', () => {
    let h = run([
      { type: 'set', state: 'b', checkpoint: true },
      { type: 'set', state: 'c', checkpoint: true },
    ]);
    expect(h.present).toBe('c');
    h = historyReducer(h, { type: 'undo' });
    expect(h.present).toBe('b');
    h = historyReducer(h, { type: 'undo' });
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(historyReducer(h, { type: 'undo' })).toBe(h);
    h = historyReducer(h, { type: 'redo' });
    expect(h.present).toBe('b');
    expect(canRedo(h)).toBe(true);
  });

  it('keeps transient changes out of history and a new change clears redo', () => {
    let h = run([
      { type: 'set', state: 'b', checkpoint: true },
      { type: 'set', state: 'b-selected' },
    ]);
    expect(h.past).toEqual(['a']);
    h = historyReducer(h, { type: 'undo' });
    expect(h.future).toEqual(['b-selected']);
    h = historyReducer(h, { type: 'set', state: 'x', checkpoint: true });
    expect(canRedo(h)).toBe(false);
  });

  it('makes a drag one step: checkpoint at the start, moves without history', () => {
    const h = run([
      { type: 'checkpoint' },
      { type: 'set', state: 'moved-1' },
      { type: 'set', state: 'moved-2' },
    ]);
    expect(h.past).toEqual(['a']);
    expect(historyReducer(h, { type: 'undo' }).present).toBe('a');
  });

  it('skips a checkpoint nothing followed', () => {
    let h = run([
      { type: 'set', state: 'b', checkpoint: true },
      { type: 'checkpoint' },
      { type: 'checkpoint' },
    ]);
    expect(h.past).toEqual(['a', 'b']);
    h = historyReducer(h, { type: 'undo' });
    expect(h.present).toBe('a');
  });

  it('coalesces consecutive edits with the same key into one step', () => {
    let h = run([
      { type: 'set', state: 'h', checkpoint: true, key: 'msg' },
      { type: 'set', state: 'he', checkpoint: true, key: 'msg' },
      { type: 'set', state: 'hey', checkpoint: true, key: 'msg' },
      { type: 'set', state: 'hey!', checkpoint: true, key: 'other' },
    ]);
    expect(h.past).toEqual(['a', 'hey']);
    h = historyReducer(h, { type: 'undo' });
    // After an undo, typing again starts a new step.
    h = historyReducer(h, { type: 'set', state: 'hey?', checkpoint: true, key: 'msg' });
    expect(h.past).toEqual(['a', 'hey']);
  });

  it('forgets the oldest steps beyond the limit and resets', () => {
    const actions: HistoryAction<string>[] = Array.from({ length: HISTORY_LIMIT + 10 }, (_, i) => ({
      type: 'set',
      state: `s${i}`,
      checkpoint: true,
    }));
    const h = run(actions);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe('s9');
    expect(historyReducer(h, { type: 'reset', state: 'z' })).toEqual(initHistory('z'));
  });
});
