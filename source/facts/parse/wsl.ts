/**
 * Tells WSL from a kernel release or /proc/version: WSL1 fakes `4.4.0-NNNNN-Microsoft`,
 * WSL2 runs a real kernel named `…-microsoft-standard` or `…-microsoft-standard-WSL2`.
 */
export function wslFromKernel(releaseOrProcVersion: string): 'wsl1' | 'wsl2' | undefined {
	if (/microsoft-standard/i.test(releaseOrProcVersion)) return 'wsl2';
	if (/\d+\.\d+\.\d+-\d+-microsoft\b/i.test(releaseOrProcVersion) || /microsoft@microsoft\.com/i.test(releaseOrProcVersion)) return 'wsl1';
	return undefined;
}
