import {useStdout} from 'ink';
import {useEffect, useState} from 'react';
import {usableColumns} from './terminal.js';

/** The terminal's width, following resizes. */
export function useColumns(): number {
	const {stdout} = useStdout();
	const [columns, setColumns] = useState(() => usableColumns(stdout.columns));
	useEffect(() => {
		const onResize = () => setColumns(usableColumns(stdout.columns));
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return columns;
}
