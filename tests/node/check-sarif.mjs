// check-sarif.mjs FILE.sarif... - validates each file against the SARIF 2.1.0 JSON
// schema (the one the SARIF Multitool ships), with ajv's draft 2020-12 validator and
// string formats. Prints "ok FILE" or the file's errors; exits 1 if any is invalid.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const schemaPath = require.resolve('@microsoft/sarif-multitool-linux/sarif-2.1.0.json');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

let bad = 0;
for (const file of process.argv.slice(2)) {
	if (validate(JSON.parse(readFileSync(file, 'utf8')))) {
		console.log(`ok ${file}`);
		continue;
	}
	bad++;
	for (const e of validate.errors)
		console.log(`${file}: ${e.instancePath || '/'} ${e.message}`);
}
process.exit(bad ? 1 : 0);
