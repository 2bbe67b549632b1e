// Outputs of tools that state the engine's platform, or prove an emulator ran, without being
// `docker info`: tonistiigi/binfmt's status, `docker buildx ls|inspect`, a Kubernetes node's arch
// label, QEMU's and Rosetta's failure lines, Docker Desktop for Mac's "Apple chip" answer, and
// "exec X: no such file or directory" told apart for scripts and programs. Real samples of each
// live in test/fixtures/hosts (kinds binfmt-status-json, buildx-ls, kubernetes-node-labels,
// emulator-failure, exec-no-such-file).
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {diagnose} from '../../../../source/diagnosis/diagnose.js';
import {triageText} from '../../../../source/facts/triage/triage-text.js';
import {expectVerdict} from './expect-verdict.js';

const lines = (...parts: string[]) => parts.join('\n');

const binfmtStatus = (supported: readonly string[], emulators: readonly string[] | null) => JSON.stringify({supported, emulators}, null, 2);

describe("tonistiigi/binfmt's status", () => {
	it('names the engine by its first supported platform, whatever the emulators add', () => {
		expectVerdict(binfmtStatus(['linux/arm64', 'linux/amd64', 'linux/arm/v7'], ['qemu-x86_64']), 'linux/arm64', 'medium');
		expectVerdict(binfmtStatus(['linux/amd64', 'linux/386'], null), 'linux/amd64', 'medium');
		expectVerdict(binfmtStatus(['linux/riscv64'], ['qemu-x86_64']), null, 'medium', 'unsupported-architecture');
	});

	it('linux/arm/v8 first is a 32-bit engine on a 64-bit ARM kernel, as in a manifest error', () => {
		expectVerdict(binfmtStatus(['linux/arm/v8', 'linux/arm/v7', 'linux/arm/v6'], []), 'linux/arm/v7', 'medium', 'userland-32bit-on-64bit-kernel');
	});

	it('its emulators are registered handlers whose state and flags are unseen', () => {
		const handlers = triageText(binfmtStatus(['linux/amd64'], ['qemu-aarch64', 'python3.12'])).emulation?.handlers;
		assert.deepEqual(
			handlers?.map(h => [h.name, h.arch, h.nameOnly]),
			[
				['qemu-aarch64', 'arm64', true],
				['python3.12', undefined, true],
			],
		);
	});

	it('a word in prose does not outweigh it: "an amd64 image on a linux/amd64 host" next to arm64 first', () => {
		expectVerdict(lines('I am not able to run an amd64 image on a linux/amd64 host.', binfmtStatus(['linux/arm64'], null)), 'linux/arm64', 'medium');
	});

	it('JSON with a "supported" list of other things is not it', () => {
		expectVerdict('{"supported": ["en", "de"], "emulators": []}', null, 'low', 'unknown-architecture');
	});
});

describe('docker buildx ls and inspect', () => {
	const table = (...rows: string[]) => lines('$ docker buildx ls', 'NAME/NODE     DRIVER/ENDPOINT STATUS  BUILDKIT PLATFORMS', ...rows);

	it("a docker-driver node is the context's engine: its first platform is the engine's", () => {
		expectVerdict(table('default *     docker', '  default     default         running v0.12.5  linux/arm64, linux/amd64, linux/arm/v7'), 'linux/arm64', 'medium');
		expectVerdict(table('default * docker', '  default default         running linux/amd64, linux/386'), 'linux/amd64', 'medium');
	});

	it('nodes of other drivers, and platforms set by hand (*), say nothing of the engine', () => {
		expectVerdict(table('builder *     docker-container', '  builder0    unix:///var/run/docker.sock running v0.12.5 linux/arm64, linux/amd64'), null, 'low', 'unknown-architecture');
		expectVerdict(table('default *     docker', '  default     default         running v0.12.5  linux/riscv64*, linux/amd64'), null, 'low', 'unknown-architecture');
	});

	it("buildx 0.13+'s grouped list is ordered by popularity, not native first: not read", () => {
		const grouped = table(
			'default                 docker',
			' \\_ default              \\_ default                       running    v0.17.3    linux/amd64 (+2), linux/arm64, linux/arm (+2), (2 more)',
		);
		expectVerdict(grouped, null, 'low', 'unknown-architecture');
	});

	it('two docker contexts that disagree are a conflict, at low confidence', () => {
		const two = table(
			'rpi          docker',
			'  rpi        rpi                         running  linux/arm/v7, linux/arm/v6',
			'default      docker',
			'  default    default                     running  linux/amd64, linux/arm64',
		);
		expectVerdict(two, 'linux/arm/v7', 'low', 'platform-evidence-conflict');
	});

	it('buildx inspect: Platforms after Driver: docker, not after another driver', () => {
		const inspect = (driver: string) =>
			lines(
				'$ docker buildx inspect',
				'Name:   default',
				`Driver: ${driver}`,
				'',
				'Nodes:',
				'Name:      default',
				'Endpoint:  default',
				'Status:    running',
				'Platforms: linux/arm64, linux/amd64, linux/amd64/v2',
			);
		expectVerdict(inspect('docker'), 'linux/arm64', 'medium');
		expectVerdict(inspect('docker-container'), null, 'low');
	});
});

describe("a Kubernetes node's arch label", () => {
	it('in the Labels block of kubectl describe node', () => {
		const node = lines(
			'Name:               node-1',
			'Roles:              <none>',
			'Labels:             beta.kubernetes.io/arch=arm',
			'                    kubernetes.io/arch=arm',
			'                    kubernetes.io/os=linux',
		);
		// A 32-bit ARM runtime, the CPU's level unsaid (arm/v6 and arm/v7 differ): low.
		expectVerdict(node, 'linux/arm/v7', 'low', 'architecture-guessed');
	});

	it("in a node's row of kubectl get nodes --show-labels", () => {
		const row =
			'pi4   Ready    control-plane,master   20d   v1.27.4+k3s1   beta.kubernetes.io/arch=arm64,beta.kubernetes.io/os=linux,kubernetes.io/arch=arm64,kubernetes.io/hostname=pi4,kubernetes.io/os=linux';
		expectVerdict(row, 'linux/arm64', 'medium');
	});

	it('a selector names what a pod wants, not what a node is', () => {
		expectVerdict(lines('Node-Selectors:  beta.kubernetes.io/arch=amd64', 'Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 120s'), null, 'low');
		expectVerdict(lines('$ kubectl get pods -l kubernetes.io/arch=amd64', 'No resources found'), null, 'low');
		expectVerdict(lines('      nodeSelector:', '        kubernetes.io/arch: amd64'), null, 'low');
	});

	it('nodes of two architectures are a conflict', () => {
		const rows = [
			'a   Ready   <none>   1d   v1.28   kubernetes.io/arch=amd64,kubernetes.io/hostname=a,kubernetes.io/os=linux',
			'b   Ready   <none>   1d   v1.28   kubernetes.io/arch=arm64,kubernetes.io/hostname=b,kubernetes.io/os=linux',
		];
		expectVerdict(lines(...rows), 'linux/amd64', 'low', 'platform-evidence-conflict');
	});
});

describe('an emulator that failed', () => {
	const QEMU = 'qemu: uncaught target signal 11 (Segmentation fault) - core dumped';
	const ROSETTA = 'rosetta error: failed to open elf at /lib64/ld-linux-x86-64.so.2';

	it("QEMU's crash line is the emulated program's crash, not this CPU's: never an ARMv6 guess", () => {
		const facts = triageText(lines('$ docker run --platform linux/arm/v7 example/app', QEMU));
		assert.deepEqual(
			facts.signals.map(s => s.kind),
			['platform-requested', 'emulator-failed'],
		);
		// Before, "Segmentation fault" with an arm/v7 request read as an ARMv6 CPU crashing.
		const got = expectVerdict(lines('$ docker run --platform linux/arm/v7 example/app', QEMU), null, 'low', 'emulated-image');
		assert.match(got.findings.find(f => f.id === 'emulated-image')!.title, /A linux\/arm\/v7 image crashed under QEMU emulation/);
	});

	it("qemu-x86_64's own name says the emulated platform", () => {
		const signal = triageText("qemu-x86_64: Could not open '/lib64/ld-linux-x86-64.so.2': No such file or directory").signals[0];
		assert.deepEqual([signal?.kind, signal?.emulator, signal?.imagePlatform], ['emulator-failed', 'qemu', 'linux/amd64']);
	});

	it('an engine said to be the emulated platform contradicts the emulator: a conflict, at low confidence', () => {
		const got = expectVerdict(
			lines('$ uname -m', 'x86_64', "qemu-x86_64: Could not open '/lib64/ld-linux-x86-64.so.2': No such file or directory"),
			'linux/amd64',
			'low',
			'platform-evidence-conflict',
		);
		// Nor does the emulator's finding offer the emulated platform as the native one.
		assert.doesNotMatch(got.findings.find(f => f.id === 'emulated-image')?.why ?? '', /linux\/amd64 image runs natively/);
	});

	it("Rosetta's error alone: an Apple Silicon engine, linux/arm64, and the image failed emulated", () => {
		const got = expectVerdict(`api-1  | ${ROSETTA}`, 'linux/arm64', 'medium', 'emulated-image');
		assert.equal(got.findings.find(f => f.id === 'emulated-image')?.severity, 'error');
		assert.equal(diagnose(triageText(ROSETTA)).verdict.machine, 'Apple Silicon Mac');
	});
});

describe("Docker Desktop for Mac's chip answer", () => {
	it('"Intel chip or Apple chip: M1 Pro" and "- Apple M1" name Apple Silicon: its VM runs arm64', () => {
		expectVerdict(lines('  - macOS Version: Monterey', '  - Intel chip or Apple chip: M1 Pro', '  - Docker Desktop Version: 4.3.0 (71786)'), 'linux/arm64', 'high');
		expectVerdict(lines('  - macOS Version: 11.2.3', '  - Apple M1', '  - Docker Desktop Version: Docker Desktop 3.3.3 (64133)'), 'linux/arm64', 'high');
	});

	it('an Intel answer, or M1 inside a sentence, is not read as a chip', () => {
		expectVerdict('  - Intel chip or Apple chip: Intel', null, 'low');
		expectVerdict('I am able to build the image on M1.', null, 'low');
	});
});

describe('exec X: no such file or directory', () => {
	const title = (paste: string) => diagnose(triageText(paste)).findings.find(f => f.id === 'crlf-entrypoint')?.title;

	it('for a script: most likely Windows line endings, and the other causes named', () => {
		assert.match(title('exec /app/runner.sh: no such file or directory') ?? '', /start script cannot find its interpreter: most likely Windows line endings/);
	});

	it('for a program: a missing loader, never line endings', () => {
		const found = diagnose(triageText('exec /app/replex: no such file or directory')).findings.find(f => f.id === 'crlf-entrypoint');
		assert.equal(found?.title, '/app/replex could not start: its loader is missing');
		assert.doesNotMatch(found?.fix.commands.join('\n') ?? '', /autocrlf/);
	});
});
