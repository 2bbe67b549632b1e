// The package ships no types; it is Node's util.parseArgs before Node had it.
declare module '@pkgjs/parseargs' {
	export const parseArgs: typeof import('node:util').parseArgs;
}
