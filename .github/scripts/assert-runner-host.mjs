// Checks a live `--json --no-engine` report against what this CI runner really is, read here
// independently of the doctor's code: the CPU (uname -m, sysctl, the Windows environment),
// Rosetta translation, Node's own architecture, no WSL. Usage:
//   EXPECT_MACHINE=arm64 EXPECT_NODE_ARCH=x64 node assert-runner-host.mjs report.json [report.md]
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';

const [jsonPath, markdownPath] = process.argv.slice(2);
const report = JSON.parse(readFileSync(jsonPath, 'utf8'));
const expectMachine = process.env.EXPECT_MACHINE;
const expectNodeArch = process.env.EXPECT_NODE_ARCH;
const facts = report.host?.facts ?? {};
const value = key => facts[key]?.value;
const sh = (file, args) => execFileSync(file, args, {encoding: 'utf8'}).trim();
const checks = [];
const check = (what, actual, expected) => {
	assert.deepEqual(actual, expected, `${what}: the report says ${JSON.stringify(actual)}, the runner is ${JSON.stringify(expected)}`);
	checks.push(`${what} = ${JSON.stringify(actual)}`);
};

assert.equal(report.schema, 'chatmock-doctor/report@1');
check('Node architecture (host.facts.nodeArch)', value('nodeArch'), process.arch);
check('Node architecture (the matrix)', process.arch, expectNodeArch);

/** The platform a native ChatMock image has on this CPU: Docker Desktop's VM and Linux both follow it. */
const nativePlatform = {x86_64: 'linux/amd64', aarch64: 'linux/arm64', arm64: 'linux/arm64'}[expectMachine];
assert.ok(nativePlatform, `unknown EXPECT_MACHINE ${expectMachine}`);

switch (process.platform) {
	case 'linux': {
		check('kernel machine (uname -m)', value('kernelMachine'), sh('uname', ['-m']));
		check('kernel machine (the matrix)', sh('uname', ['-m']), expectMachine);
		check('WSL', value('wsl') ?? 'none', 'none');
		break;
	}
	case 'darwin': {
		const arm64 = sh('sysctl', ['-n', 'hw.optional.arm64']) === '1';
		// Missing (an error) on Intel Macs: no Rosetta there.
		let translated = false;
		try {
			translated = sh('sysctl', ['-n', 'sysctl.proc_translated']) === '1';
		} catch {
			// Intel Macs have no sysctl.proc_translated: nothing runs translated there.
		}
		check('Apple Silicon (hw.optional.arm64)', value('arm64Capable') ?? false, arm64);
		check('Rosetta (sysctl.proc_translated)', value('rosettaTranslated') ?? false, translated);
		check('Rosetta expected by the matrix', translated, expectMachine === 'arm64' && process.arch === 'x64');
		check('Apple Silicon expected by the matrix', arm64, expectMachine === 'arm64');
		check('OS kind', value('osKind'), 'darwin');
		break;
	}
	case 'win32': {
		// PROCESSOR_ARCHITECTURE is the process's own view (AMD64 for emulated x64 Node); PROCESSOR_IDENTIFIER names the real CPU.
		const identifier = process.env.PROCESSOR_IDENTIFIER ?? '';
		const arm = /^ARMv8|^ARM64/i.test(identifier) || process.env.PROCESSOR_ARCHITECTURE === 'ARM64';
		check('Windows on ARM (PROCESSOR_IDENTIFIER)', arm, expectMachine === 'arm64');
		check('kernel machine', value('kernelMachine'), arm ? 'arm64' : 'x86_64');
		check('OS kind', value('osKind'), 'windows');
		check('WSL (this is Windows itself)', value('wsl') ?? 'none', 'none');
		break;
	}
	default:
		throw new Error(`no check for ${process.platform}`);
}

check('verdict platform', report.verdict.platform, nativePlatform);
check(
	'no WSL finding',
	report.findings.filter(f => /^wsl/.test(f.id)).map(f => f.id),
	[],
);
if (markdownPath) {
	const markdown = readFileSync(markdownPath, 'utf8');
	assert.ok(markdown.includes(nativePlatform), `the Markdown report names ${nativePlatform}`);
	checks.push(`Markdown report names ${nativePlatform}`);
}
console.log(`${process.platform}/${process.arch} on ${expectMachine}: ${checks.length} checks passed\n  ${checks.join('\n  ')}`);
