/**
 * What a kernel release name says by itself. Raspberry Pi, Debian, Ubuntu, Fedora and Armbian
 * name their kernels by build: "-v7l+" is the Pi's 32-bit ARMv7 kernel, "-v8+" and "+rpt-rpi-v8"
 * its 64-bit one, "-2712"/"-16k" the Pi 5's 16K-page arm64 kernel, "-armmp" Debian's ARMv7 one.
 */
export interface ReleaseWords {
	/** The kernel's architecture in Docker's names, when the name says it. */
	readonly arch?: 'arm64' | 'arm' | 'amd64' | '386';
	/** The ARM level a 32-bit ARM kernel build is for (6 or 7). */
	readonly level?: number;
	/** The name is a guess at the word size (Ubuntu's "-raspi" flavour is built for arm64 and armhf). */
	readonly guess?: boolean;
	/** A Raspberry Pi kernel. */
	readonly pi: boolean;
	/** A 16K-page kernel (the Pi 5's kernel_2712). */
	readonly pages16k: boolean;
}

export function releaseWords(release: string): ReleaseWords {
	const r = release.trim().toLowerCase();
	const pi = /-v[678]l?\+?$|-v8-16k\+?$|rpi|-raspi\d?$|[-_]2712\b|bcm27\d\d/.test(r);
	const pages16k = /16k|[-_]2712\b/.test(r);
	const base = {pi, pages16k};
	if (/rpi-v6\+?$/.test(r)) return {...base, arch: 'arm', level: 6};
	if (/aarch64|arm64|-v8\+?$|-v8-16k\+?$|rpi-v8|rpi-2712|[-_]2712\+?$|-16k\+?$|sunxi64|rockchip64|meson64|^(?:4\.9|5\.10|5\.15)\.\d+-tegra/.test(r)) {
		return {...base, arch: 'arm64'};
	}
	if (/-v7l?\+?$|rpi-v7l?\+?$|armv7|-armmp(?:-lpae)?$|armhf|-sunxi$|-odroidxu4|-mvebu$/.test(r)) return {...base, arch: 'arm', level: 7};
	if (/-raspi\d?$/.test(r)) return {...base, arch: /-raspi2$/.test(r) ? 'arm' : 'arm64', guess: true};
	if (/x86_64|[.-]amd64\b/.test(r)) return {...base, arch: 'amd64'};
	if (/[.-]i[3-6]86\b|-686(?:-pae)?$/.test(r)) return {...base, arch: '386'};
	return base;
}
