export const SIMPLE_TEXT: RegExp;
