// images-shown.mjs PAGE.html SCREENSHOT.png N [#RRGGBB:MIN ...] - opens a briefc HTML
// page in Debian's chromium (headless, through playwright-core) and checks that it has
// N images, each loaded and decoded with nothing fetched from outside the page; then
// takes a screenshot of the whole page and counts its pixels of each colour given
// (within a small tolerance): at least MIN of each must be on screen, so the images
// are seen, not only loaded. Prints "ok ..." per step; exits 1 at the first failure.
import { readFileSync } from 'node:fs';
import { withPage } from './page.mjs';

const [page_path, shot, count, ...colours] = process.argv.slice(2);
if (!page_path || !shot || !count) {
	console.error('usage: images-shown.mjs PAGE.html SCREENSHOT.png N [#RRGGBB:MIN ...]');
	process.exit(2);
}

await withPage(page_path, async ({ page, check, fetched }) => {
	await check(`the page has ${count} images, each loaded and decoded`, async () => {
		const images = await page.evaluate(async () => {
			const all = [...document.images];
			await Promise.all(all.map((i) => i.decode().catch(() => {})));
			return all.map((i) => ({ src: i.src.slice(0, 40), ok: i.complete && i.naturalWidth > 0 }));
		});
		const bad = images.filter((i) => !i.ok);
		return images.length === Number(count) && bad.length === 0 ||
			`${images.length} images, not loaded: ${JSON.stringify(bad)}`;
	});
	await check('nothing was fetched from outside the page', async () =>
		fetched.length === 0 || fetched.join(', '));

	await page.screenshot({ path: shot, fullPage: true });
	const png = readFileSync(shot).toString('base64');
	for (const spec of colours) {
		const [hex, min] = spec.split(':');
		const rgb = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
		await check(`the screenshot shows at least ${min} pixels of ${hex}`, async () => {
			// The screenshot decoded by the browser itself, its pixels counted.
			const n = await page.evaluate(async ({ png, rgb }) => {
				const img = new Image();
				img.src = `data:image/png;base64,${png}`;
				await img.decode();
				const c = document.createElement('canvas');
				c.width = img.naturalWidth;
				c.height = img.naturalHeight;
				const g = c.getContext('2d');
				g.drawImage(img, 0, 0);
				const d = g.getImageData(0, 0, c.width, c.height).data;
				let k = 0;
				for (let i = 0; i < d.length; i += 4)
					if (Math.abs(d[i] - rgb[0]) < 12 && Math.abs(d[i + 1] - rgb[1]) < 12 &&
					    Math.abs(d[i + 2] - rgb[2]) < 12)
						k++;
				return k;
			}, { png, rgb });
			return n >= Number(min) || `${n} pixels`;
		});
	}
});
