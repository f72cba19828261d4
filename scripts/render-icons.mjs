// Renders the app icons (PNG) from inline SVG with the system Chromium.
// Run once after changing the artwork: node scripts/render-icons.mjs
// The PNGs are committed; nothing here runs at build or test time.
import { chromium } from 'playwright-core';

const glyph = (size, inset) => `
<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 512 512">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1069c4"/><stop offset="1" stop-color="#08457f"/>
    </linearGradient>
  </defs>
  <rect width="512" height="512" rx="${inset ? 0 : 112}" fill="url(#bg)"/>
  <g transform="translate(256 256) scale(${inset ? 0.72 : 0.9}) translate(-256 -256)">
    <path d="M96 360c52 46 108 68 160 68s108-22 160-68" fill="none" stroke="#7fd3c4" stroke-width="30" stroke-linecap="round"/>
    <text x="256" y="318" text-anchor="middle" font-family="Noto Sans CJK SC, sans-serif" font-weight="900" font-size="250" fill="#ffffff">通</text>
  </g>
</svg>`;

const icons = [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
  ['shortcut-jobs.png', 96, false],
];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage();
for (const [name, size, maskable] of icons) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${glyph(size, maskable)}</body></html>`);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `public/icons/${name}`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}
await browser.close();
