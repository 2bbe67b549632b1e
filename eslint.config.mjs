// Lint: the recommended JavaScript and TypeScript rules, React's rules of hooks, and a reason
// required on every disable comment. Formatting is Prettier's job (.prettierrc.json), not ESLint's.
import js from '@eslint/js';
import comments from '@eslint-community/eslint-plugin-eslint-comments';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'test/fixtures/', 'media/*.svg']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		linterOptions: {reportUnusedDisableDirectives: 'error'},
		plugins: {'react-hooks': reactHooks, '@eslint-community/eslint-comments': comments},
		languageOptions: {
			globals: {
				process: 'readonly',
				console: 'readonly',
				Buffer: 'readonly',
				setTimeout: 'readonly',
				clearTimeout: 'readonly',
				setInterval: 'readonly',
				clearInterval: 'readonly',
				setImmediate: 'readonly',
				URL: 'readonly',
				AbortController: 'readonly',
				AbortSignal: 'readonly',
				performance: 'readonly',
				fetch: 'readonly',
				TextDecoder: 'readonly',
				TextEncoder: 'readonly',
				structuredClone: 'readonly',
				queueMicrotask: 'readonly',
				WebAssembly: 'readonly',
				__dirname: 'readonly',
				require: 'readonly',
				module: 'writable',
			},
		},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
			'@eslint-community/eslint-comments/require-description': ['error', {ignore: []}],
			'@eslint-community/eslint-comments/no-unlimited-disable': 'error',
			// `_name` marks a parameter kept for its position.
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
			// The doctor reads and sanitizes terminal text: ESC, BEL and NUL in a pattern are the point, not a slip.
			'no-control-regex': 'off',
		},
	},
	{
		// The boot files and build stubs are CommonJS on purpose (see source/bin.cjs).
		files: ['**/*.cjs'],
		languageOptions: {sourceType: 'commonjs', globals: {exports: 'writable'}},
		rules: {'@typescript-eslint/no-require-imports': 'off'},
	},
	{
		// A test keeps the newest frame in one variable as it walks the screens; a frame it does not read again is harmless.
		files: ['test/**'],
		rules: {'no-useless-assignment': 'off'},
	},
);
