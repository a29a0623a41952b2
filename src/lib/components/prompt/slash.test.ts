import { describe, expect, it } from 'vitest';
import { acceptCommand, commandList, matchCommands, typedCommand } from './slash';

describe('slash completion', () => {
	it('lists the reported commands with a slash, once each; the built-in ones until some are reported', () => {
		expect(commandList(['compact', '/review', 'compact'])).toEqual(['/compact', '/review']);
		expect(commandList(undefined)).toEqual(['/compact', '/clear', '/help']);
		expect(commandList([])).toEqual(['/compact', '/clear', '/help']);
	});

	it('completes only the first word, while the caret is in it', () => {
		expect(typedCommand('/co', 3)).toBe('/co');
		expect(typedCommand('/', 1)).toBe('/');
		expect(typedCommand('/compact now', 12)).toBeNull();
		expect(typedCommand('/compact now', 4)).toBe('/compact');
		expect(typedCommand('see /co', 7)).toBeNull();
		expect(typedCommand('', 0)).toBeNull();
	});

	it('ranks prefix matches first, then matches inside the name, ignoring case', () => {
		const commands = ['/compact', '/clear', '/review', '/security-review', '/context'];
		expect(matchCommands(commands, '/c')).toEqual(['/compact', '/clear', '/context', '/security-review']);
		expect(matchCommands(commands, '/REV')).toEqual(['/review', '/security-review']);
		expect(matchCommands(commands, '/')).toEqual(commands);
		expect(matchCommands(commands, '/zzz')).toEqual([]);
	});

	it('offers nothing once the whole command is typed, and at most eight', () => {
		expect(matchCommands(['/clear'], '/clear')).toEqual([]);
		const many = Array.from({ length: 20 }, (_, i) => `/cmd${i}`);
		expect(matchCommands(many, '/cmd')).toHaveLength(8);
	});

	it('accepting replaces the typed word and keeps what follows', () => {
		expect(acceptCommand('/co', '/compact')).toBe('/compact ');
		expect(acceptCommand('/re focus on auth', '/review')).toBe('/review focus on auth');
	});
});
