/**
 * A small ANSI SGR → SVG renderer for terminal captures (`tmux capture-pane -e -p`).
 *
 * It understands the SGR codes a capture contains: reset, bold, faint, italic, underline,
 * inverse, strike, the 16 colours (30–37, 90–97, 40–47, 100–107), 256 colours and truecolour
 * (`38;5;N`, `38;2;R;G;B`, and the colon forms), default colours (39, 49). Every other escape
 * sequence is dropped. Each run of text is laid on a fixed cell grid (`textLength`), so columns
 * line up whatever monospace font the viewer has; characters outside ASCII are placed one by one.
 */

export interface Style {
	readonly fg?: string;
	readonly bg?: string;
	readonly bold?: boolean;
	readonly faint?: boolean;
	readonly italic?: boolean;
	readonly underline?: boolean;
	readonly inverse?: boolean;
	readonly strike?: boolean;
}

export interface Cell {
	readonly text: string;
	/** 1, or 2 for a wide character (the next column is covered). */
	readonly width: number;
	readonly style: Style;
}

export interface RenderOptions {
	/** Shown in the window's title bar. */
	readonly title?: string;
	/** Grid size; defaults to the capture's own (longest line, number of lines). */
	readonly columns?: number;
	readonly rows?: number;
	readonly fontSize?: number;
}

/** A dark terminal: background, default foreground, and the 16 ANSI colours. */
export const THEME = {
	background: '#161b22',
	chrome: '#21262d',
	foreground: '#d0d7de',
	ansi: [
		'#484f58', // black
		'#ff7b72', // red
		'#3fb950', // green
		'#d29922', // yellow
		'#58a6ff', // blue
		'#bc8cff', // magenta
		'#39c5cf', // cyan
		'#b1bac4', // white
		'#6e7681', // bright black (Ink's "gray")
		'#ffa198', // bright red
		'#56d364', // bright green
		'#e3b341', // bright yellow
		'#79c0ff', // bright blue
		'#d2a8ff', // bright magenta
		'#56d4dd', // bright cyan
		'#f0f6fc', // bright white
	],
} as const;

const hex2 = (n: number): string => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, '0');
const rgb = (r: number, g: number, b: number): string => `#${hex2(r)}${hex2(g)}${hex2(b)}`;

/** The xterm 256-colour palette: the 16 theme colours, a 6×6×6 cube, 24 greys. */
export function color256(index: number): string {
	if (index < 16) return THEME.ansi[index] ?? THEME.foreground;
	if (index < 232) {
		const n = index - 16;
		const level = (v: number): number => (v === 0 ? 0 : 55 + v * 40);
		return rgb(level(Math.floor(n / 36)), level(Math.floor(n / 6) % 6), level(n % 6));
	}
	const grey = 8 + (index - 232) * 10;
	return rgb(grey, grey, grey);
}

/**
 * Reads an extended colour (`5;N` or `2;R;G;B`) starting at params[i]; returns the colour and
 * how many parameters it used. Colon sub-parameters arrive already split into `sub`.
 */
function extendedColor(params: readonly number[], i: number): {color?: string; used: number} {
	const mode = params[i];
	if (mode === 5) {
		const n = params[i + 1];
		return {color: n === undefined ? undefined : color256(n), used: 2};
	}
	if (mode === 2) {
		const [r, g, b] = [params[i + 1], params[i + 2], params[i + 3]];
		return {color: r === undefined || g === undefined || b === undefined ? undefined : rgb(r, g, b), used: 4};
	}
	return {used: 1};
}

/** Applies one SGR sequence's parameter text (the part between `ESC[` and `m`). */
export function applySgr(style: Style, paramText: string): Style {
	let next: {-readonly [K in keyof Style]: Style[K]} = {...style};
	const groups = paramText === '' ? ['0'] : paramText.split(';');
	for (let g = 0; g < groups.length; g++) {
		const group = groups[g] ?? '';
		if (group.includes(':')) {
			// 38:2::R:G:B, 38:2:R:G:B, 38:5:N — colon sub-parameters form one group.
			const parts = group.split(':').map((part) => (part === '' ? undefined : Number(part)));
			const [code, mode] = parts;
			if ((code === 38 || code === 48) && (mode === 2 || mode === 5)) {
				let values = parts.slice(2).filter((v): v is number => v !== undefined);
				if (mode === 2 && values.length > 3) values = values.slice(-3);
				const {color} = extendedColor([mode, ...values], 0);
				if (color !== undefined) {
					if (code === 38) next.fg = color;
					else next.bg = color;
				}
			} else if (code === 4) {
				next.underline = mode !== 0;
			}
			continue;
		}
		const code = Number(group === '' ? '0' : group);
		if (code === 38 || code === 48) {
			const rest = groups.slice(g + 1).map(Number);
			const {color, used} = extendedColor(rest, 0);
			if (color !== undefined) {
				if (code === 38) next.fg = color;
				else next.bg = color;
			}
			g += used;
			continue;
		}
		if (code === 0) next = {};
		else if (code === 1) next.bold = true;
		else if (code === 2) next.faint = true;
		else if (code === 3) next.italic = true;
		else if (code === 4) next.underline = true;
		else if (code === 7) next.inverse = true;
		else if (code === 9) next.strike = true;
		else if (code === 22) {
			next.bold = false;
			next.faint = false;
		} else if (code === 23) next.italic = false;
		else if (code === 24) next.underline = false;
		else if (code === 27) next.inverse = false;
		else if (code === 29) next.strike = false;
		else if (code >= 30 && code <= 37) next.fg = THEME.ansi[code - 30];
		else if (code === 39) delete next.fg;
		else if (code >= 40 && code <= 47) next.bg = THEME.ansi[code - 40];
		else if (code === 49) delete next.bg;
		else if (code >= 90 && code <= 97) next.fg = THEME.ansi[code - 90 + 8];
		else if (code >= 100 && code <= 107) next.bg = THEME.ansi[code - 100 + 8];
	}
	return next;
}

/** Columns a character takes in a terminal: 0 for combining marks, 2 for East Asian wide ones. */
export function charWidth(char: string): number {
	const cp = char.codePointAt(0) ?? 0;
	if (cp === 0x200b || cp === 0x200d || (cp >= 0x300 && cp <= 0x36f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
	const wide =
		(cp >= 0x1100 && cp <= 0x115f) ||
		(cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
		(cp >= 0xac00 && cp <= 0xd7a3) ||
		(cp >= 0xf900 && cp <= 0xfaff) ||
		(cp >= 0xfe30 && cp <= 0xfe4f) ||
		(cp >= 0xff00 && cp <= 0xff60) ||
		(cp >= 0xffe0 && cp <= 0xffe6) ||
		(cp >= 0x1f300 && cp <= 0x1f64f) ||
		(cp >= 0x1f900 && cp <= 0x1f9ff) ||
		(cp >= 0x20000 && cp <= 0x3fffd);
	return wide ? 2 : 1;
}

/**
 * Splits a capture into rows of cells. SGR state carries over line ends (as when the capture is
 * printed to a terminal); other escape sequences and control characters are dropped.
 */
export function parseAnsi(input: string): Cell[][] {
	const rows: Cell[][] = [];
	let style: Style = {};
	const lines = input.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
	for (const line of lines) {
		const row: Cell[] = [];
		let i = 0;
		while (i < line.length) {
			const ch = line[i] ?? '';
			if (ch === '\u001b') {
				const csi = /^\u001b\[([0-9;:?<=>]*)([ -/]*)([@-~])/.exec(line.slice(i));
				if (csi) {
					if (csi[3] === 'm' && csi[2] === '' && !/[?<=>]/.test(csi[1] ?? '')) style = applySgr(style, csi[1] ?? '');
					i += csi[0].length;
					continue;
				}
				const osc = /^\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/.exec(line.slice(i));
				i += osc ? osc[0].length : 2;
				continue;
			}
			const cp = line.codePointAt(i) ?? 0;
			const char = String.fromCodePoint(cp);
			i += char.length;
			if (cp === 0x09) {
				const spaces = 8 - (row.reduce((sum, cell) => sum + cell.width, 0) % 8);
				for (let s = 0; s < spaces; s++) row.push({text: ' ', width: 1, style});
				continue;
			}
			if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0)) continue;
			const width = charWidth(char);
			if (width === 0) {
				const last = row.at(-1);
				if (last) row[row.length - 1] = {...last, text: last.text + char};
				continue;
			}
			row.push({text: char, width, style});
		}
		rows.push(row);
	}
	return rows;
}

/** Text for an XML text node or attribute; characters XML 1.0 forbids are left out. */
export function escapeXml(text: string): string {
	return text
		.replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

function colorsOf(style: Style): {fg: string; bg?: string} {
	let fg = style.fg ?? THEME.foreground;
	let bg = style.bg;
	if (style.inverse) {
		const swapped = bg ?? THEME.background;
		bg = fg;
		fg = swapped;
	}
	return {fg, ...(bg === undefined ? {} : {bg})};
}

function sameLook(a: Style, b: Style): boolean {
	const x = colorsOf(a);
	const y = colorsOf(b);
	return x.fg === y.fg && !!a.bold === !!b.bold && !!a.faint === !!b.faint && !!a.italic === !!b.italic && !!a.underline === !!b.underline && !!a.strike === !!b.strike;
}

const fmt = (n: number): string => String(Math.round(n * 100) / 100);

/** Renders a capture as a standalone SVG: a dark window with a title bar and the text on a cell grid. */
export function renderSvg(input: string, options: RenderOptions = {}): string {
	const rows = parseAnsi(input);
	const fontSize = options.fontSize ?? 14;
	const cellW = fontSize * 0.6;
	const cellH = Math.round(fontSize * 1.3);
	const columns = options.columns ?? Math.max(1, ...rows.map((row) => row.reduce((sum, cell) => sum + cell.width, 0)));
	const rowCount = options.rows ?? rows.length;
	const padX = 14;
	const barH = 30;
	const padY = 10;
	const width = Math.ceil(padX * 2 + columns * cellW);
	const height = Math.ceil(barH + padY * 2 + rowCount * cellH);
	const out: string[] = [];
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xml:space="preserve" role="img" aria-label="${escapeXml(options.title ?? 'terminal')}">`,
		`<style>text{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono','Liberation Mono',monospace;font-size:${fontSize}px;white-space:pre}.b{font-weight:700}.f{opacity:.6}.i{font-style:italic}</style>`,
		`<rect width="${width}" height="${height}" rx="8" fill="${THEME.background}"/>`,
		`<path d="M0 8a8 8 0 0 1 8-8h${width - 16}a8 8 0 0 1 8 8v${barH - 8}h-${width}z" fill="${THEME.chrome}"/>`,
		`<circle cx="18" cy="15" r="5.5" fill="#ff5f56"/><circle cx="36" cy="15" r="5.5" fill="#ffbd2e"/><circle cx="54" cy="15" r="5.5" fill="#27c93f"/>`,
	);
	if (options.title) {
		out.push(`<text x="${fmt(width / 2)}" y="19.5" text-anchor="middle" fill="#8b949e" style="font-size:12px">${escapeXml(options.title)}</text>`);
	}
	const backgrounds: string[] = [];
	const texts: string[] = [];
	const shapes: Shapes = {lines: new Map(), fills: new Map()};
	rows.slice(0, rowCount).forEach((row, r) => {
		const top = barH + padY + r * cellH;
		const baseline = top + Math.round(cellH * 0.75);
		let col = 0;
		// Backgrounds: merge neighbouring cells of one colour into one rectangle.
		let bgStart = -1;
		let bgColor: string | undefined;
		const flushBg = (end: number): void => {
			if (bgColor !== undefined && bgStart >= 0) {
				backgrounds.push(`<rect x="${fmt(padX + bgStart * cellW)}" y="${top}" width="${fmt((end - bgStart) * cellW + 0.5)}" height="${cellH}" fill="${bgColor}"/>`);
			}
			bgStart = -1;
			bgColor = undefined;
		};
		// Text: runs of ASCII cells with the same look; anything else one cell at a time.
		let run: {start: number; text: string; cells: number; style: Style} | undefined;
		const flushRun = (): void => {
			if (run && run.text.trim() !== '') {
				const lead = run.text.length - run.text.trimStart().length;
				const text = run.text.trim();
				texts.push(textElement(text, padX + (run.start + lead) * cellW, baseline, text.length * cellW, run.style));
			}
			run = undefined;
		};
		for (const cell of row) {
			if (col >= columns) break;
			const {bg} = colorsOf(cell.style);
			if (bg !== bgColor) {
				flushBg(col);
				if (bg !== undefined) {
					bgStart = col;
					bgColor = bg;
				}
			}
			const ascii = /^[\x20-\x7e]$/.test(cell.text);
			if (ascii && run && sameLook(run.style, cell.style)) {
				run.text += cell.text;
				run.cells += 1;
			} else {
				flushRun();
				const x = padX + col * cellW;
				if (ascii) run = {start: col, text: cell.text, cells: 1, style: cell.style};
				else if (drawn(cell.text, x, top, cellW, cellH, colorsOf(cell.style).fg, shapes)) {
					// drawn as a shape: borders join up and bars fill their cells in any font
				} else if (cell.text.trim() !== '') texts.push(textElement(cell.text, x, baseline, cell.width * cellW, cell.style, true));
			}
			col += cell.width;
		}
		flushRun();
		flushBg(col);
	});
	out.push(...backgrounds);
	for (const [color, d] of shapes.lines) out.push(`<path d="${d.join('')}" fill="none" stroke="${color}" stroke-width="1.3"/>`);
	for (const [key, d] of shapes.fills) {
		const [color, opacity] = key.split(' ');
		out.push(`<path d="${d.join('')}" fill="${color}"${opacity === '1' ? '' : ` fill-opacity="${opacity}"`}/>`);
	}
	out.push(...texts, '</svg>', '');
	return out.join('\n');
}

function textElement(text: string, x: number, y: number, width: number, style: Style, single = false): string {
	const {fg} = colorsOf(style);
	const classes = [style.bold ? 'b' : '', style.faint ? 'f' : '', style.italic ? 'i' : ''].filter(Boolean).join(' ');
	const decoration = [style.underline ? 'underline' : '', style.strike ? 'line-through' : ''].filter(Boolean).join(' ');
	const attributes = [
		`x="${fmt(single ? x + width / 2 : x)}"`,
		`y="${y}"`,
		`fill="${fg}"`,
		classes ? `class="${classes}"` : '',
		decoration ? `text-decoration="${decoration}"` : '',
		// One wide glyph is centred in its cell; a run is stretched or squeezed onto the grid.
		single ? 'text-anchor="middle"' : `textLength="${fmt(width)}" lengthAdjust="spacingAndGlyphs"`,
	].filter(Boolean);
	return `<text ${attributes.join(' ')}>${escapeXml(text)}</text>`;
}

interface Shapes {
	/** Stroke path data per colour. */
	readonly lines: Map<string, string[]>;
	/** Fill path data per "colour opacity". */
	readonly fills: Map<string, string[]>;
}

/** Light box-drawing lines as the arms they have: up, right, down, left. */
const BOX_ARMS: Readonly<Record<string, string>> = {
	'\u2500': 'rl', // ─
	'\u2502': 'ud', // │
	'\u250c': 'rd', // ┌
	'\u2510': 'dl', // ┐
	'\u2514': 'ur', // └
	'\u2518': 'ul', // ┘
	'\u251c': 'urd', // ├
	'\u2524': 'udl', // ┤
	'\u252c': 'rdl', // ┬
	'\u2534': 'url', // ┴
	'\u253c': 'urdl', // ┼
};

/** Rounded corners: where the arc starts and ends. */
const ROUND_CORNERS: Readonly<Record<string, string>> = {
	'\u256d': 'rd', // ╭
	'\u256e': 'dl', // ╮
	'\u2570': 'ur', // ╰
	'\u256f': 'ul', // ╯
};

/** Block elements: fill opacity of the whole cell, or a half. */
const BLOCKS: Readonly<Record<string, {readonly part: 'full' | 'upper' | 'lower'; readonly opacity: number}>> = {
	'\u2588': {part: 'full', opacity: 1}, // █
	'\u2593': {part: 'full', opacity: 0.75}, // ▓
	'\u2592': {part: 'full', opacity: 0.5}, // ▒
	'\u2591': {part: 'full', opacity: 0.25}, // ░
	'\u2580': {part: 'upper', opacity: 1}, // ▀
	'\u2584': {part: 'lower', opacity: 1}, // ▄
};

function push(map: Map<string, string[]>, key: string, d: string): void {
	const list = map.get(key);
	if (list) list.push(d);
	else map.set(key, [d]);
}

/** Adds the shape for a box-drawing or block character; false when the character is not one. */
function drawn(char: string, x: number, top: number, w: number, h: number, color: string, shapes: Shapes): boolean {
	const cx = x + w / 2;
	const cy = top + h / 2;
	const arms = BOX_ARMS[char];
	if (arms !== undefined) {
		const ends: Record<string, string> = {u: `${fmt(cx)} ${fmt(top)}`, r: `${fmt(x + w)} ${fmt(cy)}`, d: `${fmt(cx)} ${fmt(top + h)}`, l: `${fmt(x)} ${fmt(cy)}`};
		for (const arm of arms) push(shapes.lines, color, `M${fmt(cx)} ${fmt(cy)}L${ends[arm]}`);
		return true;
	}
	const corner = ROUND_CORNERS[char];
	if (corner !== undefined) {
		const r = Math.min(w, h) / 2;
		const point = (arm: string, distance: number): string =>
			arm === 'u' ? `${fmt(cx)} ${fmt(cy - distance)}` : arm === 'd' ? `${fmt(cx)} ${fmt(cy + distance)}` : arm === 'r' ? `${fmt(cx + distance)} ${fmt(cy)}` : `${fmt(cx - distance)} ${fmt(cy)}`;
		const edge = (arm: string): number => (arm === 'u' || arm === 'd' ? h / 2 : w / 2);
		const [a = 'r', b = 'd'] = corner;
		push(shapes.lines, color, `M${point(a, edge(a))}L${point(a, r)}Q${fmt(cx)} ${fmt(cy)} ${point(b, r)}L${point(b, edge(b))}`);
		return true;
	}
	const block = BLOCKS[char];
	if (block !== undefined) {
		const y = block.part === 'lower' ? top + h / 2 : top;
		const height = block.part === 'full' ? h : h / 2;
		push(shapes.fills, `${color} ${block.opacity}`, `M${fmt(x)} ${fmt(y)}h${fmt(w + 0.3)}v${fmt(height)}h${fmt(-(w + 0.3))}z`);
		return true;
	}
	return false;
}
