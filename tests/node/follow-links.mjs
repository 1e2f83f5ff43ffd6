// follow-links.mjs PAGE.html SCREENSHOT.png - opens a briefc HTML page in Debian's
// chromium (headless, through playwright-core) as a reader would, and checks that the
// page loads with nothing fetched from outside it, that a note reference leads to its
// note and the note's back link leads back, that a citation leads to its bibliography
// entry and the entry's note links lead to the notes; then saves a screenshot.
// Prints "ok ..." per step; exits 1 at the first failure.
import { withPage } from './page.mjs';

const [page_path, shot] = process.argv.slice(2);
if (!page_path || !shot) {
	console.error('usage: follow-links.mjs PAGE.html SCREENSHOT.png');
	process.exit(2);
}

await withPage(page_path, async ({ page, check, fetched }) => {
	const at = () => page.evaluate(() => location.hash);
	// The element the URL's fragment names, and whether it is on screen.
	const target = () => page.evaluate(() => {
		const t = document.querySelector(':target');
		if (!t) return null;
		const r = t.getBoundingClientRect();
		return { id: t.id, visible: r.bottom > 0 && r.top < innerHeight, text: t.textContent };
	});

	await check('the page has a title and 19 note references', async () => {
		const n = await page.locator('a[role="doc-noteref"]').count();
		return (await page.title()).length > 0 && n === 19 || `${n} note references`;
	});
	await page.click('a#fn9-ref');
	await check('note reference 9 leads to note 9, on screen', async () => {
		const t = await target();
		return (await at()) === '#fn9' && t && t.id === 'fn9' && t.visible ||
			`at ${await at()}, target ${JSON.stringify(t)}`;
	});
	await page.click('#fn9 a[role="doc-backlink"]');
	await check('note 9 links back to its reference in the text', async () => {
		const t = await target();
		return (await at()) === '#fn9-ref' && t && t.visible || `at ${await at()}`;
	});
	await page.click('a#fn9-ref');
	await page.click('#fn9 a[role="doc-biblioref"]');
	await check('the citation of note 9 leads to its bibliography entry', async () => {
		const t = await target();
		return t && t.id === 'boukhars-2013' && t.visible &&
			t.text.startsWith('Boukhars, Anouar.') || `target ${JSON.stringify(t)}`;
	});
	await page.click('#boukhars-2013 .cited-in a >> text="19"');
	await check('the entry links to note 19, which cites it', async () => {
		const t = await target();
		return t && t.id === 'fn19' && t.visible && t.text.includes('Boukhars') ||
			`target ${JSON.stringify(t)}`;
	});
	await page.screenshot({ path: shot, fullPage: true });
	await check('a screenshot was taken', async () => true);
	await check('nothing was fetched from outside the page', async () =>
		fetched.length === 0 || fetched.join(' '));
});
