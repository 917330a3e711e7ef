export * from './errors.js';
export * from './syntax.js';
export * from './render.js';
export * from './specs.js';
export * from './diff.js';
