/**
 * /proc/cpuinfo texts in the layouts the kernels print (the architectures' kernel/setup.c, cpuinfo.c, proc.c
 * show_cpuinfo). Synthetic: values are typical, not copied from a particular machine.
 */
export const X86_64 = [
	'processor\t: 0',
	'vendor_id\t: GenuineIntel',
	'cpu family\t: 6',
	'model\t\t: 158',
	'model name\t: Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz',
	'flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr lm sse sse2 avx avx2',
	'',
	'processor\t: 1',
	'vendor_id\t: GenuineIntel',
	'model name\t: Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz',
	'flags\t\t: fpu vme',
	'',
].join('\n');

/** Pi 1 on an old kernel: "Processor" at the top, no "processor : 0" entries. */
export const PI1_OLD_KERNEL = [
	'Processor\t: ARMv6-compatible processor rev 7 (v6l)',
	'BogoMIPS\t: 697.95',
	'Features\t: swp half thumb fastmult vfp edsp java tls',
	'CPU implementer\t: 0x41',
	'CPU architecture: 7',
	'CPU variant\t: 0x0',
	'CPU part\t: 0xb76',
	'CPU revision\t: 7',
	'',
	'Hardware\t: BCM2708',
	'Revision\t: 1000000e',
	'Serial\t\t: 00000000aaaaaaaa',
].join('\n');

/** Pi Zero W, 32-bit kernel: "CPU architecture: 7" yet an ARMv6 core (the containerd quirk). */
export const PI_ZERO_W = [
	'processor\t: 0',
	'model name\t: ARMv6-compatible processor rev 7 (v6l)',
	'BogoMIPS\t: 997.08',
	'Features\t: half thumb fastmult vfp edsp java tls',
	'CPU implementer\t: 0x41',
	'CPU architecture: 7',
	'CPU variant\t: 0x0',
	'CPU part\t: 0xb76',
	'CPU revision\t: 7',
	'',
	'Hardware\t: BCM2835',
	'Revision\t: 9000c1',
	'Serial\t\t: 00000000bbbbbbbb',
	'Model\t\t: Raspberry Pi Zero W Rev 1.1',
].join('\n');

/** Pi 3 B, 32-bit kernel (armv7l). */
export const PI3_ARMV7 = [
	'processor\t: 0',
	'model name\t: ARMv7 Processor rev 4 (v7l)',
	'Features\t: half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt vfpd32 lpae evtstrm crc32',
	'CPU implementer\t: 0x41',
	'CPU architecture: 7',
	'CPU part\t: 0xd03',
	'',
	'processor\t: 1',
	'model name\t: ARMv7 Processor rev 4 (v7l)',
	'CPU architecture: 7',
	'',
	'processor\t: 2',
	'processor\t: 3',
	'',
	'Hardware\t: BCM2835',
	'Revision\t: a02082',
	'Model\t\t: Raspberry Pi 3 Model B Rev 1.2',
].join('\n');

/** Pi 4 B, 64-bit kernel: no "model name", no "Hardware". */
export const PI4_ARM64 = [
	'processor\t: 0',
	'BogoMIPS\t: 108.00',
	'Features\t: fp asimd evtstrm crc32 cpuid',
	'CPU implementer\t: 0x41',
	'CPU architecture: 8',
	'CPU variant\t: 0x0',
	'CPU part\t: 0xd08',
	'CPU revision\t: 3',
	'',
	'processor\t: 1',
	'CPU part\t: 0xd08',
	'',
	'Revision\t: c03111',
	'Serial\t\t: 10000000cccccccc',
	'Model\t\t: Raspberry Pi 4 Model B Rev 1.1',
].join('\n');

/** Pi 5 (Cortex-A76), spaces instead of tabs around the colon. */
export const PI5_SPACES = [
	'processor    : 0',
	'Features    : fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp',
	'CPU implementer    : 0x41',
	'CPU architecture    : 8',
	'CPU part    : 0xd0b',
	'',
	'Revision    : d04170',
	'Model    : Raspberry Pi 5 Model B Rev 1.0',
].join('\n');

export const S390X = [
	'vendor_id       : IBM/S390',
	'# processors    : 2',
	'bogomips per cpu: 3241.00',
	'features\t: esan3 zarch stfle msa ldisp eimm dfp edat etf3eh highgprs te vx sie',
	'processor 0: version = FF,  identification = 0A3F47,  machine = 2964',
	'processor 1: version = FF,  identification = 0A3F47,  machine = 2964',
].join('\n');

export const PPC64LE = [
	'processor\t: 0',
	'cpu\t\t: POWER9 (architected), altivec supported',
	'clock\t\t: 2200.000000MHz',
	'revision\t: 2.2 (pvr 004e 1202)',
	'',
	'timebase\t: 512000000',
	'platform\t: pSeries',
	'model\t\t: IBM pSeries (emulated by qemu)',
].join('\n');

export const RISCV64 = ['processor\t: 0', 'hart\t\t: 0', 'isa\t\t: rv64imafdc_zicntr_zicsr', 'mmu\t\t: sv39', 'uarch\t\t: sifive,u74-mc', ''].join('\n');

export const LOONGARCH64 = [
	'system type\t\t: generic-loongson-machine',
	'',
	'processor\t\t: 0',
	'CPU Family\t\t: Loongson-64bit',
	'Model Name\t\t: Loongson-3A5000',
	'ISA\t\t\t: loongarch32 loongarch64',
	'Features\t\t: cpucfg lam ual fpu lsx lasx crc32',
].join('\n');
