import { expect, it } from 'vitest';
import { formatClock, isoOf } from './time';

it('shows hh:mm:ss on a 24-hour clock and a machine-readable instant', () => {
	const ms = new Date(2026, 0, 2, 15, 4, 5).getTime();
	expect(formatClock(ms)).toMatch(/^15.04.05$/);
	expect(isoOf(ms)).toBe(new Date(ms).toISOString());
});
