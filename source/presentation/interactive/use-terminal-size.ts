import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import {usableColumns, usableRows} from './terminal.js';

export interface TerminalSize {
	readonly columns: number;
	readonly rows: number;
}

const sizeOf = (stdout: NodeJS.WriteStream): TerminalSize => ({columns: usableColumns(stdout.columns), rows: usableRows(stdout.rows)});

/** The terminal's usable width and height, following resizes. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => sizeOf(stdout));
	useEffect(() => {
		const onResize = () => setSize(sizeOf(stdout));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
