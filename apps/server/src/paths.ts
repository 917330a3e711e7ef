import { fileURLToPath } from 'node:url';

// This file sits one level below the server package root both as source (src/paths.ts) and
// when bundled (dist/main.js), so the same relative URLs work in tests and in production.
export const serverRoot = fileURLToPath(new URL('..', import.meta.url));
export const migrationsDir = fileURLToPath(new URL('../drizzle', import.meta.url));
export const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));
