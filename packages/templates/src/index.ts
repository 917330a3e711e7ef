export * from './errors.js';
export * from './syntax.js';
export * from './render.js';
export * from './specs.js';
export * from './includes.js';
export * from './diff.js';
export * from './paths.js';
