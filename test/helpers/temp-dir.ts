import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

// Every folder a test makes is removed when its test process ends, passed or failed: one sweep at
// exit instead of an after() hook per file (a hook registered inside a running test attaches to
// that test, and a forgotten one left hundreds of folders behind). scripts/test.mjs runs the tests
// with a private TMPDIR and fails the run, naming them, when anything is left in it.
const made = new Set<string>();
let sweeping = false;

function sweep(): void {
	for (const dir of made) rmSync(dir, {recursive: true, force: true});
	made.clear();
}

/** A fresh folder under the temporary folder (`prefix` + random letters), removed at the latest when the process exits. */
export function tempDir(prefix: string): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	made.add(dir);
	if (!sweeping) {
		sweeping = true;
		process.once('exit', sweep);
	}
	return dir;
}

/** Removes a folder tempDir() made now (for a test that makes many, or wants its absence checked). */
export function removeTempDir(dir: string): void {
	rmSync(dir, {recursive: true, force: true});
	made.delete(dir);
}
