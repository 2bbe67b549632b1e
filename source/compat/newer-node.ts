import type {HostFacts} from '../facts/types.js';

/** Ink 6, and so the interactive screens, need Node 20; everything else runs from Node 12 on. */
export const SCREENS_NODE_MAJOR = 20;

export function screensRunOn(nodeVersion: string): boolean {
	return Number(nodeVersion.replace(/^v/, '').split('.')[0]) >= SCREENS_NODE_MAJOR;
}

// Node 22 is the newest line with official 32-bit ARM (armv7l) builds, and NodeSource's packages
// are amd64 and arm64 only: a 32-bit Raspberry Pi OS gets Node through nvm instead.
const NVM = 'curl -o- https://raw.githubusercontent.com/nvm-sh/nvm/v0.40.3/install.sh | bash && . ~/.nvm/nvm.sh && nvm install 22';
const NODESOURCE = 'curl -fsSL https://deb.nodesource.com/setup_22.x | sudo -E bash - && sudo apt-get install -y nodejs';
// ARMv6 (Pi Zero, Zero W, Pi 1) has had no official Node since 11; the project's unofficial builds carry it.
const NVM_ARMV6 = `${NVM.replace(/ && nvm install 22$/, '')} && NVM_NODEJS_ORG_MIRROR=https://unofficial-builds.nodejs.org/download/release nvm install 22`;

/**
 * The one line shown under the plain report when the screens cannot run on this Node: what a
 * newer Node adds, and the commands that install one on this kind of machine.
 */
export function newerNodeLine(host: HostFacts, nodeVersion: string): string {
	const adds = `Node.js ${nodeVersion.replace(/^v/, '')} shows the plain report; Node.js ${SCREENS_NODE_MAJOR} or newer adds the interactive doctor (open each finding, fix with a key).`;
	return `${adds} ${howToGet(host)}`;
}

function howToGet(host: HostFacts): string {
	const kernel = host.kernelMachine?.value ?? '';
	const userland = host.dpkgArch?.value ?? host.nodeArch?.value ?? '';
	const os = host.osKind?.value;
	const release = host.osRelease?.value;
	const debianLike = /\b(debian|ubuntu|raspbian)\b/.test(`${release?.id ?? ''} ${release?.idLike ?? ''}`);
	const pi = host.piRevision !== undefined || /raspberry pi/i.test(host.boardModel?.value ?? '');
	const where = pi ? 'this Raspberry Pi' : 'this machine';
	if (os === 'darwin') return 'To get it: brew install node (or the installer from nodejs.org).';
	if (os === 'windows') return 'To get it: winget install OpenJS.NodeJS.LTS (or the installer from nodejs.org).';
	if (/^armv6/.test(kernel) || (pi && host.piRevision?.value.processor === 'BCM2835')) return `On ${where} (ARMv6), run: ${NVM_ARMV6}`;
	const arm32 = /^(armhf|armel|arm)$/.test(userland) || /^armv7/.test(kernel);
	if (arm32) return `On ${where} (32-bit ARM), run: ${NVM}`;
	if (debianLike && /^(amd64|arm64|x64|x86_64|aarch64)$/.test(userland || kernel)) return `On ${where}, run: ${NODESOURCE}`;
	return `On ${where}, run: ${NVM}`;
}
