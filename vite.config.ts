import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const clientRoot = fileURLToPath(new URL('./client', import.meta.url));
const backend = 'http://localhost:3000';

// Absolute paths, so the build works whatever the working directory of the caller.
export default defineConfig({
  root: clientRoot,
  plugins: [
    react(),
    // A service worker that keeps the app's files on the phone, so a reload with no network still
    // opens the join page or the board (which then draws from IndexedDB), and a manifest so both
    // work as a home-screen app. Only the app shell is cached: /api, /yjs and /socket.io always
    // go to the network (answers there are live, and some are secret).
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: '寄り合い',
        short_name: '寄り合い',
        description: 'みんなで話し合い、合意をつくる場',
        lang: 'ja',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f3f4f1',
        theme_color: '#1f4e79',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Staff screens are not kept on every phone (a hall of phones on one Wi-Fi): they load when opened.
        globIgnores: ['**/assets/{Report,Archive,Register,Stats,SinceLast,ActionFacts,secretariat,Session,Account,Login,Setup}*'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/yjs/, /^\/socket\.io/, /^\/healthz/],
        cleanupOutdatedCaches: true,
        // The page that installed it is served by it at once: lazy screens still load after the Wi-Fi drops.
        clientsClaim: true,
      },
    }),
  ],
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
