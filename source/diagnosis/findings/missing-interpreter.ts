import type {Signal} from '../../facts/types.js';
import {quote, type Rule} from './context.js';

/** What the failing image's platform, and the engine's, are (`docker` with the checked engine's flag). */
const checkCommands = (docker: string): string[] => [`${docker} image inspect --format '{{.Os}}/{{.Architecture}}/{{.Variant}}' IMAGE`, `${docker} version`];

/** `exec /entrypoint.sh: no such file or directory`: the file named, when the line names one. */
function execTarget(signal: Signal): string | undefined {
	return /exec (\S+?):? no such file or directory/.exec(signal.source.excerpt ?? '')?.[1];
}

const SCRIPT = /\.(?:sh|bash|py|pl|rb)$/;

/**
 * "exec X: no such file or directory" for an X that exists: what the kernel could not find is X's
 * interpreter. For a script that is most often "/bin/sh\r" (Windows line endings); for a program it
 * cannot be, since a binary has no lines: its loader (ld-linux, ld-musl) is missing, because it was
 * built for another CPU or C library than the image, or the image is foreign and its emulator is
 * registered without the F flag. So the finding names the likely cause per kind of file, never CRLF
 * for a binary.
 */
export const crlfEntrypoint: Rule = ({facts, cli}) => {
	const signals = facts.signals.filter(s => s.kind === 'crlf-entrypoint');
	if (signals.length === 0) return [];
	const targets = signals.map(execTarget);
	const programs = [...new Set(targets.filter((t): t is string => t !== undefined && !SCRIPT.test(t)))];
	const evidence = signals.map(s => ({text: quote(s.source), source: s.source}));
	if (programs.length > 0 && programs.length === targets.length) {
		const named = programs.join(', ');
		return [
			{
				id: 'crlf-entrypoint',
				severity: 'error',
				title: `${named} could not start: its loader is missing`,
				why: `A program that exists yet gives "no such file or directory" lacks its loader: it was built for another CPU or C library (glibc in an Alpine image) than the image it is in, or the image is foreign to this engine and its emulator is registered without the F flag. Line endings cannot cause it: a binary has none.`,
				evidence,
				fix: {summary: "Compare the image's platform with the engine's: use the image built for the engine's platform.", commands: checkCommands(cli.docker)},
			},
		];
	}
	return [
		{
			id: 'crlf-entrypoint',
			severity: 'error',
			title: "The image's start script cannot find its interpreter: most likely Windows line endings",
			why: 'A script saved with CRLF asks for the interpreter "/bin/sh\\r", which does not exist, so the start fails with "no such file or directory". The same words come from a first line naming a shell the image lacks (bash in Alpine), or from a foreign image whose emulator is registered without the F flag.',
			evidence,
			fix: {
				summary: 'Check the repository out with LF line endings and rebuild the image; if the script has LF already, check its first line and the image platform.',
				commands: ['git config --global core.autocrlf input', 'git rm --cached -r . && git reset --hard', `${cli.compose()} build --no-cache`, ...checkCommands(cli.docker)],
			},
		},
	];
};
