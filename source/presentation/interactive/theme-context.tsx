import {createContext, useContext, useMemo, type ReactNode} from 'react';
import {neutralizeLine} from '../../text/sanitize.js';
import {toAscii} from './terminal.js';
import {createTheme, type Theme} from './theme.js';

const ThemeContext = createContext<Theme>(createTheme({ascii: false, color: true}));

export function ThemeProvider({theme, children}: {readonly theme: Theme; readonly children: ReactNode}) {
	return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
	return useContext(ThemeContext);
}

/**
 * Returns the function every piece of text passes through before it is drawn: escape sequences
 * and control characters neutralized, and folded to ASCII when the terminal needs it.
 */
export function useSafeText(): (text: string) => string {
	const {ascii} = useTheme();
	return useMemo(() => (ascii ? (text: string) => toAscii(neutralizeLine(text, 2000)) : (text: string) => neutralizeLine(text, 2000)), [ascii]);
}
