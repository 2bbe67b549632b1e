import assert from 'node:assert/strict';
import {test} from 'node:test';
import {describeCopy} from '../../../source/presentation/interactive/copy-outcome.js';
import {currentRoute, initialNavigation, reduceNavigation} from '../../../source/presentation/interactive/navigation-state.js';
import {cellWidth, clampOffset, footerLines, previewText, rangeLabel, scroll, wrapCells} from '../../../source/presentation/interactive/report-preview-state.js';

test('navigation: p opens the preview only from the verdict; back returns; no check again from it', () => {
	const shared = reduceNavigation(initialNavigation(2), {type: 'share'});
	assert.deepEqual(currentRoute(shared), {screen: 'share'});
	assert.equal(reduceNavigation(shared, {type: 'share'}), shared);
	assert.equal(reduceNavigation(shared, {type: 'recheck'}), shared);
	assert.equal(reduceNavigation(shared, {type: 'open'}), shared);
	assert.deepEqual(currentRoute(reduceNavigation(shared, {type: 'back'})), {screen: 'verdict'});
	const finding = reduceNavigation(initialNavigation(2), {type: 'open'});
	assert.equal(reduceNavigation(finding, {type: 'share'}), finding);
});

test('wrapCells: at the last space, mid-word when there is none, every row within the width', () => {
	assert.deepEqual(wrapCells('', 10), ['']);
	assert.deepEqual(wrapCells('the quick brown fox', 10), ['the quick', 'brown fox']);
	assert.deepEqual(wrapCells('/tmp/chatmock-doctor-report.md', 10), ['/tmp/chatm', 'ock-doctor', '-report.md']);
	assert.deepEqual(wrapCells('    indented words here', 12), ['    indented', 'words here']);
	assert.deepEqual(wrapCells('ab 🛑 cd', 4), ['ab', '🛑', 'cd']);
	const long = 'Saved the report to /tmp/chatmock-doctor-report-2026-11-27T14-28-26-000Z.md (no clipboard available).';
	for (const width of [5, 10, 38, 40]) {
		const rows = wrapCells(long, width);
		assert.ok(
			rows.every(row => [...row].reduce((sum, char) => sum + cellWidth(char), 0) <= width),
			`width ${width}`,
		);
		assert.equal(rows.join('').replaceAll(' ', ''), long.replaceAll(' ', ''), 'nothing lost but the spaces at the breaks');
	}
	assert.equal(cellWidth('\uFE0F'), 0);
	assert.equal(cellWidth('a'), 1);
});

test('previewText: rows remember their report line; escapes neutralized; ASCII folds', () => {
	const text = previewText('# title\n\nword '.concat('x'.repeat(25), '\n\u001B]52;c;aGk=\u0007ok \u26A0\uFE0F\n'), 20, false);
	assert.equal(text.lineCount, 4);
	assert.deepEqual(
		text.rows.slice(2, 5).map(row => row.text),
		['word', 'x'.repeat(20), 'x'.repeat(5)],
	);
	assert.deepEqual(
		text.rows.map(row => row.line),
		[1, 2, 3, 3, 3, 4],
	);
	assert.equal(text.rows.at(-1)?.text, 'ok \u26A0\uFE0F');
	assert.equal(previewText('\u26A0\uFE0F warning \u2014 x\n', 40, true).rows[0]?.text, '! warning - x');
	assert.deepEqual(previewText('', 40, false), {rows: [], lineCount: 0});
});

test('scroll: lines and pages stay within the text; a page keeps one row of context', () => {
	assert.equal(scroll(0, {type: 'line', delta: -1}, 50, 10), 0);
	assert.equal(scroll(0, {type: 'line', delta: 1}, 50, 10), 1);
	assert.equal(scroll(0, {type: 'page', delta: 1}, 50, 10), 9);
	assert.equal(scroll(45, {type: 'page', delta: 1}, 50, 10), 40);
	assert.equal(scroll(20, {type: 'home'}, 50, 10), 0);
	assert.equal(scroll(0, {type: 'end'}, 50, 10), 40);
	assert.equal(scroll(0, {type: 'end'}, 5, 10), 0, 'shorter than the screen: no scrolling');
	assert.equal(clampOffset(40, 50, 20), 30, 'a taller screen pulls the text down');
	const text = previewText('a\nb\nc\nd\n', 10, false);
	assert.equal(rangeLabel(text, 1, 2, '-'), 'lines 2-3 of 4');
	assert.equal(rangeLabel(text, 3, 2, '-'), 'line 4 of 4');
	assert.equal(rangeLabel(previewText('', 10, false), 0, 2, '-'), 'empty');
});

test('footerLines: hints side by side with a gap of two, wrapping like the Footer', () => {
	const hints = [
		{keys: 'ab', label: 'cd'},
		{keys: 'ef', label: 'gh'},
	];
	assert.equal(footerLines(hints, 12), 1);
	assert.equal(footerLines(hints, 11), 2);
	assert.equal(footerLines([], 40), 0);
});

test('describeCopy never claims more than happened', () => {
	const said = (result: Parameters<typeof describeCopy>[0]) => describeCopy(result, 'the report', '-')?.text;
	assert.equal(said({kind: 'done', result: {method: 'wl-copy', confirmed: true}}), 'Copied the report with wl-copy.');
	assert.equal(said({kind: 'done', result: {method: 'osc52', confirmed: false}}), "Sent the report to your terminal's clipboard (OSC 52) - paste to check.");
	assert.equal(said({kind: 'done', result: {method: 'file', path: '/tmp/r.md', confirmed: true}}), 'Saved the report to /tmp/r.md (no clipboard available).');
	assert.equal(said({kind: 'failed', message: 'timed out'}), 'Could not copy the report: timed out');
	assert.equal(said({kind: 'idle'}), undefined);
	assert.equal(describeCopy({kind: 'failed', message: 'x'}, 'the report', '-')?.tone, 'error');
});
