import assert from 'node:assert/strict';
import {test} from 'node:test';
import {PROBE_STEPS} from '../../../source/facts/collect-types.js';
import {finishedPrefix, initialChecklist, reduceChecklist, settleChecklist} from '../../../source/presentation/interactive/checklist-state.js';
import {rankFindings} from '../../../source/presentation/interactive/findings-order.js';
import {initialFixView, reduceFixView} from '../../../source/presentation/interactive/fix-view-state.js';
import {currentRoute, initialNavigation, reduceNavigation, type NavigationAction} from '../../../source/presentation/interactive/navigation-state.js';
import {emptySnapshot} from '../../../source/fix/pull-progress.js';
import {finding} from '../fix/doubles.js';

test('checklist: every step starts running; finished rows never change; prefix grows in order', () => {
	let rows = initialChecklist();
	assert.deepEqual(
		rows.map(row => row.step),
		[...PROBE_STEPS],
	);
	assert.ok(rows.every(row => row.status === 'running'));
	rows = reduceChecklist(rows, {step: 'engine', status: 'ok', summary: 'Docker 27.1, arm64'});
	assert.equal(finishedPrefix(rows), 0);
	rows = reduceChecklist(rows, {step: 'host', status: 'warning', summary: 'Raspberry Pi 4'});
	assert.equal(finishedPrefix(rows), 2);
	rows = reduceChecklist(rows, {step: 'host', status: 'running'});
	assert.equal(rows[0]?.status, 'warning');
	rows = settleChecklist(rows);
	assert.equal(rows[5]?.status, 'skipped');
	assert.equal(finishedPrefix(rows), PROBE_STEPS.length);
});

test('navigation: wraps selection, opens, skips to the next, back and quit', () => {
	const run = (actions: NavigationAction[]) => actions.reduce(reduceNavigation, initialNavigation(3));
	assert.equal(run([{type: 'move', delta: -1}]).selected, 2);
	assert.equal(
		run([
			{type: 'move', delta: 1},
			{type: 'move', delta: 1},
			{type: 'move', delta: 1},
		]).selected,
		0,
	);
	const opened = run([{type: 'move', delta: 1}, {type: 'open'}]);
	assert.deepEqual(currentRoute(opened), {screen: 'finding', index: 1});
	assert.equal(reduceNavigation(opened, {type: 'move', delta: 1}), opened, 'arrows do nothing on a finding');
	const skipped = reduceNavigation(opened, {type: 'skip'});
	assert.deepEqual(currentRoute(skipped), {screen: 'verdict'});
	assert.equal(skipped.selected, 2);
	assert.deepEqual(skipped.skipped, [1]);
	assert.deepEqual(currentRoute(reduceNavigation(opened, {type: 'fix'})), {screen: 'fix', index: 1});
	assert.equal(reduceNavigation(opened, {type: 'back'}).stack.length, 1);
	assert.equal(run([{type: 'back'}]).quit, true);
	const help = run([{type: 'help'}]);
	assert.equal(help.help, true);
	assert.equal(reduceNavigation(help, {type: 'back'}).help, false, 'back closes help before anything else');
	assert.equal(reduceNavigation(help, {type: 'back'}).quit, false);
	assert.equal(initialNavigation(0).count, 0);
	assert.equal(reduceNavigation(initialNavigation(0), {type: 'open'}).stack.length, 1);
});

test('fix view: steps update in place; a finished pull drops its progress; finishing clears a question', () => {
	let state = reduceFixView(initialFixView, {type: 'step', step: {key: 'p', kind: 'pull', status: 'running', title: 'Pull'}});
	state = reduceFixView(state, {type: 'progress', key: 'p', snapshot: emptySnapshot});
	assert.ok(state.progress);
	state = reduceFixView(state, {type: 'step', step: {key: 'p', kind: 'pull', status: 'done', title: 'Pull'}});
	assert.equal(state.steps.length, 1);
	assert.equal(state.steps[0]?.status, 'done');
	assert.equal(state.progress, undefined);
	state = reduceFixView(state, {type: 'confirm', request: {kind: 'remove', ref: 'r', imageId: 'sha256:1'}});
	state = reduceFixView(state, {type: 'finished', outcome: {steps: [], cancelled: true}});
	assert.equal(state.confirm, undefined);
	assert.equal(state.cancelled, true);
	assert.equal(reduceFixView(state, {type: 'cancelling'}), state);
});

test('findings are ranked errors, warnings, notes, stable within each', () => {
	const ranked = rankFindings([finding('no-chatmock-image', 'info'), finding('emulated-image', 'warning'), finding('exec-format-error', 'error'), finding('wsl1', 'warning')]);
	assert.deepEqual(
		ranked.map(f => f.id),
		['exec-format-error', 'emulated-image', 'wsl1', 'no-chatmock-image'],
	);
});
