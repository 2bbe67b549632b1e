// Bundles the unit tests for a fast run: one ES module per test folder (esbuild, well under a
// second for all of them), run by `node --test`, one process per folder. A tsx process per file
// spent most of the unit run compiling the same sources again in each process.
// Folders stay isolated from each other (a process each); the files of one folder share a process.
// import.meta.url/dirname/filename are replaced by each file's own values, so a test still finds
// its fixtures next to its source; packages stay external and resolve from node_modules.
import {build} from 'esbuild';
import {mkdirSync, readFileSync, rmSync} from 'node:fs';
import {basename, dirname, extname, join, relative, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';

const LOADERS = {'.ts': 'ts', '.tsx': 'tsx', '.mts': 'ts', '.js': 'js', '.mjs': 'js'};

/** Each project file keeps its own import.meta values inside the bundle. */
const ownImportMeta = {
	name: 'own-import-meta',
	setup(b) {
		b.onLoad({filter: /\.(?:tsx?|mts|m?js)$/}, args => {
			if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
			const text = readFileSync(args.path, 'utf8');
			if (!text.includes('import.meta')) return undefined;
			const contents = text
				.replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
				.replaceAll('import.meta.filename', JSON.stringify(args.path))
				.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
			return {contents, loader: LOADERS[extname(args.path)] ?? 'ts'};
		});
	},
};

/** Writes one bundle per folder of `files` under `outDir`; returns their paths (in the files' order). */
export async function bundleUnitTests(files, outDir) {
	rmSync(outDir, {recursive: true, force: true});
	mkdirSync(outDir, {recursive: true});
	const groups = new Map();
	for (const file of files) {
		const dir = dirname(resolve(file));
		if (!groups.has(dir)) groups.set(dir, []);
		groups.get(dir).push(file);
	}
	const outputs = [];
	await Promise.all(
		[...groups].map(async ([dir, group]) => {
			const name = relative(process.cwd(), dir).replaceAll(/[\\/]/g, '_') || 'root';
			const outfile = join(outDir, `${name}.test.mjs`);
			outputs.push(outfile);
			await build({
				stdin: {
					contents: group.map(file => `import ${JSON.stringify(`./${basename(file)}`)};`).join('\n'),
					resolveDir: dir,
					sourcefile: join(dir, '(unit bundle)'),
					loader: 'ts',
				},
				bundle: true,
				platform: 'node',
				format: 'esm',
				target: 'node20',
				packages: 'external',
				jsx: 'automatic',
				sourcemap: 'inline',
				outfile,
				plugins: [ownImportMeta],
				// CommonJS files in the bundle (the build stubs, the boot loader) require packages at run time.
				banner: {js: "import {createRequire as __unitRequire} from 'node:module'; const require = __unitRequire(import.meta.url);"},
				logLevel: 'warning',
			});
		}),
	);
	return outputs.sort();
}
