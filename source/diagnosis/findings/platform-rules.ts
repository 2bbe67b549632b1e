import {CHATMOCK_PLATFORMS, normalizeGoArch} from '../platform.js';
import type {Finding} from '../types.js';
import {composeLine, evidenceOf, type Rule} from './context.js';
import {pullCommand} from './fix-commands.js';

export const unsupportedArchitecture: Rule = ({verdict, profile, cli}) => {
	if (verdict.platform !== null || !profile.dockerdArch || profile.windowsContainers?.value) return [];
	const arch = profile.dockerdArch.value;
	return [
		{
			id: 'unsupported-architecture',
			severity: 'error',
			title: `ChatMock publishes no image for ${arch}`,
			why: `ChatMock's images exist for ${CHATMOCK_PLATFORMS.join(', ')}. On ${arch} every one of them would need an emulator or fails with "exec format error".`,
			evidence: profile.dockerdArch.sources.map(source => ({text: `architecture: ${arch}`, source})),
			fix: {
				summary: "Build the image for this machine from ChatMock's source with buildx, or run ChatMock on a supported machine.",
				commands: [
					'git clone https://github.com/thebtf/ChatMock && cd ChatMock',
					`${cli.docker} buildx build --platform linux/${arch} -t chatmock:latest --load .`,
					`CHATMOCK_IMAGE=chatmock:latest ${cli.compose()} up -d`,
				],
			},
		},
	];
};

export const unknownArchitecture: Rule = ({verdict, profile, cli}) => {
	if (profile.dockerdArch || profile.windowsContainers?.value || verdict.platform) return [];
	return [
		{
			id: 'unknown-architecture',
			severity: 'warning',
			title: "The machine's architecture could not be determined",
			why: 'None of the facts read (uname, /proc/cpuinfo, the userland, the Docker engine) named a CPU architecture.',
			evidence: [],
			fix: {
				summary: 'Run these on the machine and give their output to `chatmock-doctor triage`.',
				commands: ['uname -a', 'dpkg --print-architecture', 'getconf LONG_BIT', `${cli.dockerOnItsMachine} version`, `${cli.dockerOnItsMachine} info`],
			},
		},
	];
};

export const windowsContainersMode: Rule = ({profile}) => {
	if (!profile.windowsContainers?.value) return [];
	return [
		{
			id: 'windows-containers-mode',
			severity: 'error',
			title: 'Docker Desktop is in Windows-containers mode',
			why: 'In this mode the engine runs Windows containers only; Linux images such as ChatMock fail with "no matching manifest for windows/amd64".',
			evidence: profile.windowsContainers.sources.map(source => ({text: 'engine OSType: windows', source})),
			fix: {
				summary: 'Switch Docker Desktop to Linux containers.',
				commands: ['& "$Env:ProgramFiles\\Docker\\Docker\\DockerCli.exe" -SwitchLinuxEngine', 'docker context use desktop-linux'],
				steps: ['Right-click the Docker whale icon in the Windows taskbar.', 'Choose "Switch to Linux containers…" and confirm.', 'Wait until Docker Desktop says it is running, then check again.'],
			},
		},
	];
};

export const userland32On64: Rule = ({facts, profile, verdict, imageRef, cli}) => {
	const user = profile.userland?.value;
	const kernel = profile.kernelArch?.value;
	if (!user || user.bits !== 32 || !kernel) return [];
	const arm = kernel === 'arm64' && user.arch === 'arm';
	const x86 = kernel === 'amd64' && user.arch === '386';
	if (!arm && !x86) return [];
	const platform = verdict.platform ?? (arm ? 'linux/arm/v7' : 'linux/386');
	const {host} = facts;
	const evidence = [
		...evidenceOf('kernel machine', host.kernelMachine),
		...evidenceOf('dpkg architecture', host.dpkgArch),
		...evidenceOf('userland ELF', host.userlandElf),
		...evidenceOf('LONG_BIT', host.longBit),
		...evidenceOf('docker server arch', facts.engine?.versionArch),
	];
	if (x86) {
		const finding: Finding = {
			id: 'userland-32bit-on-64bit-kernel',
			severity: 'info',
			title: 'A 32-bit x86 system runs on a 64-bit kernel',
			why: 'Docker follows the 32-bit userland and pulls linux/386 images, which ChatMock publishes; a 64-bit system would use linux/amd64.',
			evidence,
			fix: {summary: `Use ${platform}, or install a 64-bit (amd64) system to run linux/amd64.`, commands: [pullCommand(cli, platform, imageRef)]},
		};
		return [finding];
	}
	const pi = /raspberry/i.test(host.boardModel?.value ?? '') || /raspbian|raspberry/i.test(host.osRelease?.value.prettyName ?? host.osRelease?.value.id ?? '');
	return [
		{
			id: 'userland-32bit-on-64bit-kernel',
			severity: facts.signals.some(s => s.kind === 'no-matching-manifest') ? 'error' : 'warning',
			title: 'A 32-bit ARM system runs on a 64-bit kernel',
			why: `The kernel is aarch64 but the system and Docker are 32-bit (armhf), so Docker asks registries for ${verdict.dockerDefault ?? 'linux/arm/v8'}, which no image publishes ("no matching manifest"), and arm64 images fail under a 32-bit Docker.`,
			evidence,
			fix: {
				summary: `Pull ${platform} explicitly (and pin it in compose), or move to the 64-bit OS to use linux/arm64.`,
				commands: [pullCommand(cli, platform, imageRef), composeLine(platform)],
				steps: pi
					? [
							`Now: ${pullCommand(cli, platform, imageRef)}, and add "${`platform: ${platform}`}" to the chatmock service.`,
							'Better: flash 64-bit Raspberry Pi OS with Raspberry Pi Imager, then install Docker and run linux/arm64 images.',
							'Or boot the 32-bit kernel so Docker asks for linux/arm/v7 by itself: add arm_64bit=0 to /boot/firmware/config.txt (/boot/config.txt on older releases) and reboot.',
						]
					: undefined,
				actions: [
					{kind: 'pull-platform', ref: imageRef, platform},
					{kind: 'compose-platform', platform},
				],
			},
		},
	];
};

export const pageSize16k: Rule = ({facts}) => {
	const {host} = facts;
	const bySize = host.pageSize && host.pageSize.value === 16384 ? host.pageSize : undefined;
	const byKernel = host.kernelRelease && /16k|[-_]2712/i.test(host.kernelRelease.value) ? host.kernelRelease : undefined;
	const signal = facts.signals.find(s => s.kind === 'page-size');
	if (!bySize && !byKernel && !signal) return [];
	return [
		{
			id: 'page-size-16k',
			severity: signal ? 'error' : 'warning',
			title: 'The kernel uses 16K memory pages (Raspberry Pi 5 kernel_2712)',
			why: 'Some arm64 programs built for 4K pages (jemalloc among them) abort with "Unsupported system page size" under the Pi 5\'s 16K-page kernel.',
			evidence: [...evidenceOf('page size', bySize), ...evidenceOf('kernel release', byKernel), ...(signal ? [{text: 'log: Unsupported system page size', source: signal.source}] : [])],
			fix: {
				summary: 'Boot the 4K-page kernel: add kernel=kernel8.img to /boot/firmware/config.txt and reboot.',
				commands: ['echo "kernel=kernel8.img" | sudo tee -a /boot/firmware/config.txt', 'sudo reboot', 'getconf PAGESIZE   # 4096 after the reboot'],
			},
		},
	];
};

export const nodeUnderRosetta: Rule = ({facts}) => {
	const {host} = facts;
	const translated = host.rosettaTranslated?.value === true;
	const x64OnArm = host.nodeArch?.value === 'x64' && host.arm64Capable?.value === true;
	if (!translated && !x64OnArm) return [];
	return [
		{
			id: 'node-under-rosetta',
			severity: 'info',
			title: 'Node.js runs under Rosetta on this Apple Silicon Mac',
			why: 'This Node.js is an x86_64 build, so `uname -m` and process.arch say x86_64 here; the Mac itself and Docker Desktop are arm64, and the doctor used the real CPU.',
			evidence: [...evidenceOf('sysctl.proc_translated', host.rosettaTranslated), ...evidenceOf('hw.optional.arm64', host.arm64Capable), ...evidenceOf('node arch', host.nodeArch)],
			fix: {
				summary: 'Nothing to fix for ChatMock. To stop other tools guessing x86_64, install the arm64 build of Node.js.',
				commands: ['arch -arm64 /bin/zsh -lc "node -p process.arch"'],
			},
		},
	];
};

/** The doctor's own container image may be of another architecture than the engine, and run under QEMU. */
export const doctorEmulated: Rule = ({facts, profile, cli}) => {
	const {host} = facts;
	const own = host.nodeArch ? normalizeGoArch(host.nodeArch.value) : undefined;
	const engine = facts.engine?.versionArch;
	const engineArch = engine ? normalizeGoArch(engine.value) : undefined;
	const contained = Boolean(host.inContainer?.value) || facts.origin === 'root';
	if (!contained || !own || !engineArch || own === engineArch || profile.engineInVm) return [];
	return [
		{
			id: 'doctor-emulated',
			severity: 'info',
			title: `The doctor itself runs emulated (${own} on a ${engineArch} engine)`,
			why: "This container's image is not the engine's architecture, so it runs under an emulator; its own uname and process.arch describe the emulator, and the verdict rests on the engine's and the host's files instead.",
			evidence: [...evidenceOf('doctor process arch', host.nodeArch), ...evidenceOf('engine arch', engine), ...evidenceOf('in container', host.inContainer)],
			fix: {summary: `Run the doctor's image for ${engineArch}.`, commands: [`${cli.docker} pull --platform linux/${engineArch} IMAGE`]},
		},
	];
};
