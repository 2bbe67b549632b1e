import {access, readFile, writeFile} from 'node:fs/promises';
import type {ComposeFs} from './compose.js';

/** The real file system, for the compose fix only (small text files in the current folder). */
export const nodeComposeFs: ComposeFs = {
	async readText(path) {
		try {
			return await readFile(path, 'utf8');
		} catch {
			return undefined;
		}
	},
	async writeText(path, text) {
		await writeFile(path, text, 'utf8');
	},
	async exists(path) {
		try {
			await access(path);
			return true;
		} catch {
			return false;
		}
	},
};
