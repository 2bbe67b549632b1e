export default function stringWidth(input: string, options?: Record<string, unknown>): number;
