// Faults that used to end in a wrong answer: a damaged config.json ignored, a private mirror called
// "not published", the fix pulling a repository nobody chose, a container that exited 0 told to re-pull,
// and one image with thousands of tags taking quadratic time.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {diagnose} from '../../../source/diagnosis/diagnose.js';
import {collectFacts} from '../../../source/facts/collect.js';
import type {EngineApi} from '../../../source/facts/engine/engine-api.js';
import {createMemoryHost} from '../../../source/facts/seam/memory-host.js';
import {connectorOf, fakeEngineApi} from '../facts/engine/fake-engine-api.js';

const X86 = {
	'/proc/cpuinfo': 'processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu vme sse sse2 lm\n',
	'/etc/os-release': 'ID=debian\nVERSION_ID="12"\n',
	'/var/run/docker.sock': '',
};
const X86_ENGINE = {
	version: async () => ({ok: true as const, value: {Version: '24.0.7', ApiVersion: '1.43', Arch: 'amd64', Os: 'linux'}}),
	info: async () => ({ok: true as const, value: {OSType: 'linux', Architecture: 'x86_64', OperatingSystem: 'Debian GNU/Linux 12', KernelVersion: '6.1.0'}}),
};

async function check(api: EngineApi, options: {files?: Record<string, string>; image?: string; timeoutMs?: number} = {}) {
	const host = createMemoryHost({
		kind: 'live',
		home: '/home/u',
		uname: {sysname: 'Linux', release: '6.1.0', machine: 'x86_64', via: 'uname'},
		env: {HOME: '/home/u'},
		files: {...X86, ...options.files},
		engine: connectorOf(api),
	});
	const {facts} = await collectFacts({host, timeoutMs: options.timeoutMs ?? 60_000, offline: false, noEngine: false, ...(options.image ? {imageRef: options.image} : {})});
	return {facts, diagnosis: diagnose(facts)};
}

describe('answers that used to be wrong', () => {
	it('a registry that never answers: the built-in table, said to be a partial check, within the deadline', async () => {
		const api = fakeEngineApi({
			...X86_ENGINE,
			distribution: (_ref, options) =>
				new Promise(resolve =>
					setTimeout(() => resolve({ok: false, error: {code: 'timeout', cause: 'answer-timeout', message: `connected, but no answer within ${options?.timeoutMs} ms`}}), options?.timeoutMs ?? 0),
				),
		});
		const started = Date.now();
		const {facts, diagnosis} = await check(api, {timeoutMs: 400});
		assert.ok(Date.now() - started < 1400, `${Date.now() - started} ms`);
		assert.equal(facts.published?.source, 'built-in');
		const finding = diagnosis.findings.find(f => f.id === 'check-incomplete');
		assert.ok(finding, diagnosis.findings.map(f => f.id).join(', '));
		assert.match(finding.evidence.map(e => e.text).join(' '), /registry did not answer in time/);
	});

	it('a damaged config.json is a finding, not silence', async () => {
		const {diagnosis} = await check(fakeEngineApi(X86_ENGINE), {files: {'/home/u/.docker/config.json': '{"auths": {"ghcr.io": '}});
		const finding = diagnosis.findings.find(f => f.id === 'docker-config-invalid');
		assert.ok(finding, diagnosis.findings.map(f => f.id).join(', '));
		assert.match(finding.evidence[0]!.text, /not valid JSON/);
	});

	it('a private mirror unknown to the built-in table, its registry unreachable: not "platform-not-published", and no pull of another repository', async () => {
		const api = fakeEngineApi({...X86_ENGINE, distribution: async () => ({ok: false, error: {code: 'unreachable', message: 'dial tcp: lookup mirror.corp: no such host'}})});
		const {facts, diagnosis} = await check(api, {image: 'mirror.corp/team/chatmock:1.2'});
		assert.equal(facts.published?.source, 'built-in');
		assert.ok(!diagnosis.findings.some(f => f.id === 'platform-not-published'), diagnosis.findings.map(f => `${f.id}: ${f.why}`).join('\n'));
		for (const finding of diagnosis.findings) {
			for (const action of finding.fix.actions ?? []) if ('ref' in action) assert.match(action.ref, /mirror\.corp/, `${finding.id} would act on ${action.ref}`);
		}
	});

	it('upstream image on a platform it lacks: the other repository is advice, never an action', async () => {
		const arm = fakeEngineApi({
			version: async () => ({ok: true, value: {Version: '24.0.7', ApiVersion: '1.43', Arch: 'arm', Os: 'linux'}}),
			info: async () => ({ok: true, value: {OSType: 'linux', Architecture: 'armv7l', OperatingSystem: 'Raspbian', KernelVersion: '6.1.0'}}),
			distribution: async () => ({
				ok: true,
				value: {
					platforms: [
						{os: 'linux', architecture: 'amd64'},
						{os: 'linux', architecture: 'arm64'},
					],
				},
			}),
		});
		const host = createMemoryHost({
			kind: 'live',
			uname: {sysname: 'Linux', release: '6.1.0', machine: 'armv7l', via: 'uname'},
			env: {},
			files: {'/proc/cpuinfo': 'processor\t: 0\nmodel name\t: ARMv7 Processor rev 4 (v7l)\nCPU architecture: 7\n', '/var/run/docker.sock': ''},
			engine: connectorOf(arm),
		});
		const {facts} = await collectFacts({host, timeoutMs: 60_000, offline: false, noEngine: false, imageRef: 'storagetime/chatmock:latest'});
		const finding = diagnose(facts).findings.find(f => f.id === 'platform-not-published');
		assert.ok(finding);
		assert.ok(!(finding.fix.actions ?? []).some(a => 'ref' in a && !a.ref.includes('storagetime')), JSON.stringify(finding.fix.actions));
	});

	it('a container that exited 0 but printed "exec format error" is not told to re-pull', async () => {
		const image = {id: 'sha256:amd', repoTags: ['ghcr.io/thebtf/chatmock:latest'], repoDigests: [], os: 'linux', architecture: 'amd64'};
		const api = fakeEngineApi({
			...X86_ENGINE,
			listImages: async () => ({ok: true, value: [image]}),
			inspectImage: async () => ({ok: true, value: image}),
			listContainers: async () => ({ok: true, value: [{id: 'c1', names: ['chatmock'], image: 'ghcr.io/thebtf/chatmock:latest', imageId: 'sha256:amd', state: 'exited'}]}),
			inspectContainer: async () => ({
				ok: true,
				value: {
					id: 'c1',
					name: 'chatmock',
					image: 'ghcr.io/thebtf/chatmock:latest',
					imageId: 'sha256:amd',
					state: {status: 'exited', running: false, restarting: false, oomKilled: false, exitCode: 0},
					ports: {},
				},
			}),
			containerLogs: async () => ({ok: true, value: ['trying optional helper: exec /opt/helper-arm: exec format error', 'done']}),
		});
		const {diagnosis} = await check(api);
		assert.ok(!diagnosis.findings.some(f => f.id === 'exec-format-error'), diagnosis.findings.map(f => f.id).join(', '));
	});

	it('one image with 16,000 tags: linear (16k within 3x the time of 4k, plus slack)', async () => {
		const timed = async (n: number) => {
			const tags = Array.from({length: n}, (_, i) => `ghcr.io/thebtf/chatmock:t${i}`);
			const image = {id: 'sha256:arm', repoTags: tags, repoDigests: [], os: 'linux', architecture: 'arm64'};
			const api = fakeEngineApi({...X86_ENGINE, listImages: async () => ({ok: true, value: [image]}), inspectImage: async () => ({ok: true, value: image})});
			const started = performance.now();
			const {diagnosis} = await check(api);
			assert.ok(diagnosis.findings.length > 0);
			return performance.now() - started;
		};
		await timed(500);
		const small = await timed(4000);
		const large = await timed(16000);
		// Quadratic would be 16x; linear is 4x. Allow noise on a shared machine.
		assert.ok(large < small * 8 + 500, `4k: ${small.toFixed(0)} ms, 16k: ${large.toFixed(0)} ms`);
	});
});
