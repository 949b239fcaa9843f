import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `npm run dev -w @borda/ui` serves the app with hot reload and sends API calls to a
// control plane on :8080 (`npm start`); `npm run build` writes dist/, which it serves.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
