import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {ReactElement} from 'react';
import type {Finding} from '../../../source/diagnosis/types.js';
import {FindingScreen} from '../../../source/presentation/interactive/finding-screen.js';
import {HelpScreen} from '../../../source/presentation/interactive/help-screen.js';
import {CONFIRM_KEYS, findingKeys} from '../../../source/presentation/interactive/keys.js';
import type {NavigationAction} from '../../../source/presentation/interactive/navigation-state.js';
import {renderInk} from './helpers.js';

const finding = (actions: Finding['fix']['actions']): Finding => ({
	id: 'exec-format-error',
	severity: 'error',
	title: 'ghcr.io/thebtf/chatmock:latest is built for linux/arm64',
	why: 'No emulator.',
	evidence: [],
	fix: {summary: 'Pull it for linux/amd64.', commands: ['docker pull --platform linux/amd64 ghcr.io/thebtf/chatmock:latest'], ...(actions ? {actions} : {})},
});
const FIXABLE = finding([{kind: 'pull-platform', ref: 'ghcr.io/thebtf/chatmock:latest', platform: 'linux/amd64'}]);

function show(tree: ReactElement) {
	const screen = renderInk(tree, {ascii: true, color: false});
	return {
		lastFrame: screen.lastFrame,
		unmount: screen.unmount,
		press: async (key: string) => {
			// Ink attaches its input listener in an effect after the first frame.
			await new Promise(resolve => setImmediate(resolve));
			screen.press(key);
			await new Promise(resolve => setImmediate(resolve));
		},
		waitFor: async (pattern: RegExp) => {
			await screen.waitFor(frame => pattern.test(frame), String(pattern));
		},
	};
}

test('Enter on an opened finding starts nothing; f starts the fix', async () => {
	const actions: NavigationAction[] = [];
	const screen = show(<FindingScreen finding={FIXABLE} isActive dispatch={action => actions.push(action)} />);
	await screen.press('\r');
	assert.deepEqual(actions, []);
	await screen.press('f');
	assert.deepEqual(actions, [{type: 'fix'}]);
	assert.match(screen.lastFrame() ?? '', /f fix it now/);
	screen.unmount();
});

test('f on a finding the doctor cannot fix says so, and the footer offers no f', async () => {
	const actions: NavigationAction[] = [];
	const screen = show(<FindingScreen finding={finding(undefined)} isActive dispatch={action => actions.push(action)} />);
	assert.doesNotMatch(screen.lastFrame() ?? '', /\bf fix/);
	await screen.press('f');
	assert.deepEqual(actions, []);
	await screen.waitFor(/cannot do this one by itself/);
	screen.unmount();
});

test('without an engine, f explains that nothing can be fixed from here', async () => {
	const actions: NavigationAction[] = [];
	const screen = show(<FindingScreen finding={FIXABLE} canRun={false} isActive dispatch={action => actions.push(action)} />);
	await screen.press('f');
	assert.deepEqual(actions, []);
	await screen.waitFor(/No Docker engine is connected/);
	screen.unmount();
});

test('help and footers say what the keys do', () => {
	const screen = show(<HelpScreen />);
	const frame = screen.lastFrame() ?? '';
	assert.match(frame, /Enter\s+open the selected finding; back from a finished fix \(never starts one\)/);
	assert.match(frame, /f\s+on a finding: start its fix/);
	screen.unmount();
	assert.deepEqual(
		findingKeys(true, true)
			.map(hint => hint.keys)
			.slice(0, 1),
		['f'],
	);
	assert.equal(
		findingKeys(false, true).some(hint => hint.keys === 'f'),
		false,
	);
	assert.deepEqual(
		CONFIRM_KEYS.map(hint => hint.keys),
		['y', 'n/Esc/Enter'],
	);
});
