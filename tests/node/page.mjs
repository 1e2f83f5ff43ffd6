// page.mjs - what the chromium checks share: open a briefc HTML page in Debian's
// chromium (headless, through playwright-core; $CHROMIUM overrides the binary),
// watching for anything fetched from outside the page, and run CHECKS over it.
// Each check prints "ok WHAT"; the first that fails prints "FAIL WHAT: why" and the
// process exits 1, else 0.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

// Opens PAGE_PATH at 900x700 and calls BODY({ page, check, fetched }); check(WHAT, FN)
// passes when FN resolves to true, else fails with what it resolved to. fetched
// lists the URLs requested that are neither the page nor data: URIs in it.
export async function withPage(page_path, body) {
	const url = pathToFileURL(page_path).href;
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox'],
	});
	let failed = false;
	try {
		const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
		const fetched = [];
		page.on('request', (r) => {
			const u = r.url();
			if (!u.startsWith(url) && !u.startsWith('data:')) fetched.push(u);
		});
		await page.goto(url);
		const check = async (what, fn) => {
			const got = await fn();
			if (got !== true) throw new Error(`${what}: ${got}`);
			console.log(`ok   ${what}`);
		};
		await body({ page, check, fetched });
	} catch (e) {
		console.log(`FAIL ${e.message}`);
		failed = true;
	} finally {
		await browser.close();
	}
	process.exit(failed ? 1 : 0);
}
