declare function stringWidth(input: string, options?: Record<string, unknown>): number;
export = stringWidth;
