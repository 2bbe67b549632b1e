import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {renderMarkdown} from '../../../source/presentation/render/markdown.js';
import {mdCode, mdFence, mdText} from '../../../source/report/markdown-escape.js';
import {sampleReport} from './sample-report.js';

describe('markdown escaping', () => {
	it('a fence is longer than any backtick run inside it', () => {
		assert.equal(mdFence('a ``` b ```` c', 'sh'), '`````sh\na ``` b ```` c\n`````');
		assert.equal(mdFence('plain'), '```\nplain\n```');
	});

	it('inline code cannot be closed from inside; pipes escaped in tables', () => {
		assert.equal(mdCode('a`b'), '``a`b``');
		assert.equal(mdCode('`x`'), '`` `x` ``');
		assert.equal(mdCode('a|b', {inTable: true}), '`a\\|b`');
	});

	it('prose: HTML and Markdown punctuation escaped, one line', () => {
		assert.equal(mdText('<img src=x onerror=alert(1)> [a](http://x) *b*\nnext'), '&lt;img src=x onerror=alert(1)&gt; \\[a\\](`http://x`) \\*b\\* next');
	});
});

describe('renderMarkdown', () => {
	const report = sampleReport();
	const md = renderMarkdown(report);

	it('verdict and findings come before the folded facts', () => {
		const verdictAt = md.indexOf('**Verdict:**');
		assert.ok(verdictAt >= 0 && verdictAt < md.indexOf('<details>'));
		assert.ok(report.verdict.platform && md.includes(`\`${report.verdict.platform}\``));
		assert.ok(report.findings.length > 0);
		for (const finding of report.findings) {
			const at = md.indexOf(`\`${finding.id}\``);
			assert.ok(at > verdictAt && at < md.indexOf('<details>'), finding.id);
		}
	});

	it('every fix command sits in a fenced sh block', () => {
		const commands = report.findings.flatMap(f => f.fix.commands);
		assert.ok(commands.length > 0);
		for (const command of commands) assert.match(md, new RegExp('```+sh\\n(?:.*\\n)*?' + command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
	});

	it('folds host, engine, emulation, images, containers, published and the raw report', () => {
		const summaries = [...md.matchAll(/<summary>([^<]*)<\/summary>/g)].map(m => m[1]);
		assert.deepEqual(summaries, ['Host', 'Engine', 'Emulation', 'Images (1)', 'Containers (1)', 'Published platforms', 'Raw report (JSON)']);
		const json = /```+json\n([\s\S]*?)\n```+\n/.exec(md)?.[1];
		assert.deepEqual(JSON.parse(json!), JSON.parse(JSON.stringify(report)));
	});

	it('a log line cannot end its fence or inject HTML', () => {
		const logBlock = /(`{3,})text\n([\s\S]*?)\n\1\n/.exec(md);
		assert.ok(logBlock);
		assert.ok(logBlock[1]!.length > 3, 'fence longer than the ``` in the log');
		assert.match(logBlock[2]!, /<script>/, 'inside a fence HTML is shown as text');
		const outsideFences = md.replace(/(`{3,})[a-z]*\n[\s\S]*?\n\1\n/g, '');
		assert.doesNotMatch(outsideFences, /<script|<img/);
	});
});
