import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {HELP, parseCli, UsageError} from '../../../source/cli/args.js';

const refused = (argv: readonly string[], message: RegExp): void => {
	assert.throws(
		() => parseCli(argv, {}),
		(error: unknown) => error instanceof UsageError && message.test(error.message),
	);
};

describe('command-line edges that are refused, not half-honoured', () => {
	it('--fix with --json or --report: refused (the fix prints plain steps and asks questions)', () => {
		refused(['--fix', '--json'], /--fix .* cannot be combined with --json or --report/);
		refused(['--fix', '--report'], /--fix .* cannot be combined with --json or --report/);
		refused(['--fix', '--markdown'], /--fix .* cannot be combined with --json or --report/);
	});

	it('--yes (or -y) without --fix: refused', () => {
		refused(['--yes'], /--yes only answers the questions of --fix/);
		refused(['-y', '--json'], /--yes only answers the questions of --fix/);
		assert.equal(parseCli(['--fix', '--yes'], {}).yes, true);
	});

	it('--context with -H: refused, like the docker CLI', () => {
		refused(['--context', 'remote', '-H', 'unix:///x.sock'], /Choose one of --host \(-H\) and --context \(-c\)/);
		refused(['-c', 'remote', '--host', 'tcp://h:2375'], /Choose one of --host/);
		assert.equal(parseCli(['-H', 'unix:///x.sock'], {}).dockerHost, 'unix:///x.sock');
		assert.equal(parseCli(['-c', 'remote'], {}).dockerContext, 'remote');
	});

	it('an image reference that cannot be parsed: refused, naming it', () => {
		for (const bad of [':::', '', 'UPPER/Case', 'ghcr.io/thebtf/chatmock:bad tag', 'a@sha256:short']) refused(['--image', bad], /is not an image reference/);
		for (const good of ['ghcr.io/thebtf/chatmock:latest', 'storagetime/chatmock', 'localhost:5000/x/y:1', 'busybox']) assert.equal(parseCli(['--image', good], {}).image, good);
	});

	it('--help lists every exit code, 130 included', () => {
		assert.match(HELP, /Exit codes: 0 no error finding, 1 an error finding, 2 the doctor itself could not run, 130 interrupted/);
	});
});

describe('--probe-host and --probe-image: permission to run one container on a remote engine', () => {
	it('off unless asked; the image only with the permission; only for a live check', () => {
		assert.equal(parseCli([], {}).probeHost, false);
		const allowed = parseCli(['--all-contexts', '--probe-host', '--probe-image', 'busybox:1.36'], {});
		assert.equal(allowed.probeHost, true);
		assert.equal(allowed.probeImage, 'busybox:1.36');
		refused(['--probe-image', 'busybox'], /--probe-image names the image of --probe-host/);
		refused(['--probe-host', '--no-engine'], /--probe-host reads a remote engine's machine live/);
		refused(['--probe-host', '--root', '/mnt'], /--probe-host reads a remote engine's machine live/);
		refused(['triage', '--probe-host'], /--probe-host reads a remote engine's machine live/);
		refused(['--probe-host', '--probe-image', 'Not A Ref'], /is not an image reference/);
		assert.match(HELP, /--probe-host/);
		assert.match(HELP, /--probe-image REF/);
	});
});
