import classes from './workflow-canvas.module.css';

/** Templates, expressions and code read better in a monospace field (the label stays as it is). */
export const MONO = { input: classes.monoInput };
