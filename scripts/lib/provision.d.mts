export function provisionCodeServer(): Promise<unknown>;
