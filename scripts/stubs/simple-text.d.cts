export declare const SIMPLE_TEXT: RegExp;
