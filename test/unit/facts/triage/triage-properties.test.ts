// Properties of triage over real and hand-made pastes:
//  - unrelated noise around a paste (prompts, prose, markdown quoting, code fences, CRLF, a compose
//    `service  | ` prefix) never changes its verdict (platform and confidence);
//  - removing the only architecture evidence never leaves medium or high confidence.
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {describe, it} from 'node:test';
import {fileURLToPath} from 'node:url';
import fc from 'fast-check';

import {diagnose} from '../../../../source/diagnosis/diagnose.js';
import {triageText} from '../../../../source/facts/triage/triage-text.js';

const hosts = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'hosts');

function verdict(paste: string): string {
	const {platform, confidence} = diagnose(triageText(paste)).verdict;
	return `${String(platform)} @ ${confidence}`;
}

/** Lines that say nothing of a machine: what people write around their outputs. */
const NOISE = [
	'Thanks for the great project!',
	'I followed the README and it does not start.',
	'Any idea what is wrong? Happy to provide more logs.',
	'### Expected behavior',
	'**Steps to reproduce**',
	'1. pull the image',
	'2. start it with compose',
	'$ docker compose up -d',
	'pi@host:~ $',
	'user@server:~$ ',
	'Creating network "chatmock_default" with the default driver',
	'Edit: still happens after a reboot.',
	'',
];

/** One line each that names the architecture on its own. */
const EVIDENCE = [
	"WARNING: The requested image's platform (linux/arm/v7) does not match the detected host platform (linux/arm/v6) and no specific platform was requested",
	"WARNING: The requested image's platform (linux/amd64) does not match the detected host platform (linux/arm64/v8) and no specific platform was requested",
	'no matching manifest for linux/arm/v7 in the manifest list entries',
	'Linux raspberrypi 5.10.103-v7l+ #1529 SMP Tue Mar 8 12:24:00 GMT 2022 armv7l GNU/Linux',
	'Linux nas 4.4.180+ #42962 SMP Tue Oct 18 15:07:03 CST 2022 x86_64 GNU/Linux synology_geminilake_920+',
	'Linux odroid 4.9.277-122 #1 SMP PREEMPT Wed Nov 8 2023 aarch64 GNU/Linux',
	'Linux kirkwood 2.6.31.8 #1 Mon Apr 4 12:00:00 CST 2011 armv5tel GNU/Linux',
	'Linux vm 6.1.0-18-686-pae #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) i686 GNU/Linux',
];

type Transform = (lines: string[]) => string[];
const TRANSFORMS: Record<string, Transform> = {
	quoted: lines => lines.map(line => `> ${line}`),
	fenced: lines => ['```', ...lines, '```'],
	'compose prefix': lines => lines.map(line => `chatmock-1  | ${line}`),
	'prose around': lines => ['Here is what I get:', '', ...lines, '', 'Any help appreciated.'],
	'prompt before': lines => ['pi@raspberrypi:~ $', ...lines],
};

function join2(lines: readonly string[], crlf: boolean): string {
	return lines.join(crlf ? '\r\n' : '\n');
}

function ownPastes(): {name: string; text: string}[] {
	if (!existsSync(hosts)) return [];
	return readdirSync(hosts)
		.filter(name => existsSync(join(hosts, name, 'paste.md')))
		.sort()
		.map(name => ({name, text: readFileSync(join(hosts, name, 'paste.md'), 'utf8')}));
}

describe('noise around a paste never changes its verdict', () => {
	it('the real pastes of the host corpus, each quoted, fenced, in prose, after a prompt, with CRLF', () => {
		const changed: string[] = [];
		for (const {name, text} of ownPastes()) {
			const lines = text.replace(/\n+$/, '').split('\n');
			const before = verdict(text);
			const variants: Record<string, string> = {crlf: join2(lines, true)};
			for (const [label, transform] of Object.entries(TRANSFORMS)) if (label !== 'compose prefix') variants[label] = join2(transform(lines), false);
			for (const [label, variant] of Object.entries(variants)) {
				const after = verdict(variant);
				if (after !== before) changed.push(`${name} ${label}: ${before} -> ${after}`);
			}
		}
		assert.deepEqual(changed, []);
	});

	it('any mix of noise lines, transforms and CRLF around one line of evidence', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...EVIDENCE),
				fc.array(fc.constantFrom(...NOISE), {maxLength: 5}),
				fc.array(fc.constantFrom(...NOISE), {maxLength: 5}),
				fc.subarray(Object.keys(TRANSFORMS)),
				fc.boolean(),
				(evidence, before, after, transforms, crlf) => {
					let lines = [...before, evidence, ...after];
					for (const name of transforms) lines = TRANSFORMS[name]!(lines);
					assert.equal(verdict(join2(lines, crlf)), verdict(evidence));
				},
			),
			{numRuns: 200},
		);
	});
});

describe('removing the only architecture evidence never leaves medium or high confidence', () => {
	it('noise without its one line of evidence is low', () => {
		fc.assert(
			fc.property(fc.constantFrom(...EVIDENCE), fc.array(fc.constantFrom(...NOISE), {maxLength: 8}), fc.nat(), fc.boolean(), (evidence, noise, at, crlf) => {
				const lines = [...noise];
				lines.splice(at % (lines.length + 1), 0, evidence);
				const withIt = diagnose(triageText(join2(lines, crlf))).verdict;
				const without = diagnose(triageText(join2(noise, crlf))).verdict;
				assert.notEqual(withIt.confidence, 'low', `the evidence alone should decide: ${evidence}`);
				assert.equal(without.confidence, 'low');
				assert.equal(without.platform, null);
			}),
			{numRuns: 200},
		);
	});

	it('error lines of a real failure, without their machine output, are low', () => {
		const errors = [
			'exec /usr/bin/python3: exec format error',
			'chatmock-1 exited with code 132',
			'standard_init_linux.go:228: exec user process caused: exec format error',
			'Error response from daemon: no matching manifest for unknown in the manifest list entries',
			'Segmentation fault (core dumped)',
		];
		for (const error of errors) {
			const {confidence} = diagnose(triageText(`${NOISE.slice(0, 4).join('\n')}\n${error}\n`)).verdict;
			assert.equal(confidence, 'low', error);
		}
	});
});
