export * from './permissions.js';
export * from './common.js';
export * from './auth.js';
export * from './orgs.js';
export * from './audit.js';
export * from './providers.js';
export * from './prompts.js';
export * from './executions.js';
