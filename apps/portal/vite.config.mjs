// The portal's Vite configuration: `npm run build` bundles with it (build-portal.mjs), `npm run portal:dev` serves
// the sources with it, sending /api to a platform started with `npm start` (PORTAL_API, default port 3000).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const portal = dirname(fileURLToPath(import.meta.url));
const root = resolve(portal, '../..');

export default defineConfig({
  root: portal,
  base: '/',
  logLevel: 'warn',
  // Vite's caches stay out of node_modules (shared between checkouts): .local/ is the repository's scratch folder.
  cacheDir: join(root, '.local', 'vite'),
  // Vite transforms TSX itself (Oxc): React's automatic JSX runtime, no plugin.
  oxc: { jsx: { runtime: 'automatic' } },
  // The password rules identity enforces, as one pure file (no Node or Nest code comes with it).
  resolve: { alias: { '@broker/password-policy': join(root, 'libs/contracts/src/identity/password-policy.ts') } },
  server: { port: 5173, strictPort: true, proxy: { '/api': process.env.PORTAL_API ?? 'http://127.0.0.1:3000' } },
  build: {
    outDir: join(root, 'dist', 'portal'),
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      // Mantine marks its modules "use client" for React Server Components; a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
