import { defineConfig } from '@playwright/test';

// Debian's Chromium, started the way this closed network needs (no
// background connections to Google hosts, no QUIC).
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const E2E_PORT = Number(process.env.E2E_PORT ?? 8090);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/e2e/.output/results',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The JSON results feed RELIABILITY.md (scripts/reliability --report-only).
  reporter: [['list'], ['./tests/e2e/summary-reporter.ts'], ['json', { outputFile: 'tests/e2e/.output/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    serviceWorkers: 'allow',
    locale: 'zh-CN',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
  },
  webServer: {
    command: `tests/e2e/serve.sh ${E2E_PORT}`,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
});
