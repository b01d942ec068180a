import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const clientRoot = fileURLToPath(new URL('./client', import.meta.url));
const backend = 'http://localhost:3000';

// Absolute paths, so the build works whatever the working directory of the caller.
export default defineConfig({
  root: clientRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./client/dist', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate files stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler|i18next|react-i18next)[\\/]/ },
            { name: 'realtime', test: /node_modules[\\/](yjs|lib0|y-websocket|y-protocols|socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io)[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // The client imports ../shared, outside its root.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': backend,
      '/yjs': { target: backend, ws: true },
      '/socket.io': { target: backend, ws: true },
    },
  },
});
