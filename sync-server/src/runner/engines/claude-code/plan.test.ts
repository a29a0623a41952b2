import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlanFile, plansDir, withPlan } from './plan';

describe('plan files', () => {
	const plans = plansDir('/data', 'alpha');

	it('live in the tenant’s Claude Code config directory', () => {
		expect(plans).toBe('/data/claude/alpha/.claude/plans');
	});

	it('are Markdown files directly in that folder, and nothing else is', () => {
		expect(isPlanFile(plans, `${plans}/add-dates-wise-otter.md`)).toBe(true);
		expect(isPlanFile(plans, `${plans}/notes.txt`)).toBe(false);
		expect(isPlanFile(plans, `${plans}/../settings.md`)).toBe(false);
		expect(isPlanFile(plans, `${plans}/deeper/plan.md`)).toBe(false);
		expect(isPlanFile(plans, '/data/claude/beta/.claude/plans/theirs.md')).toBe(false);
		expect(isPlanFile(plans, 'plans/relative.md')).toBe(false);
	});

	it('fill in the plan card when ExitPlanMode names no plan, and never replace a plan it names', async () => {
		const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'plan-')), 'p.md');
		await writeFile(file, '## Plan\n1. Do it');
		expect(await withPlan({}, file)).toEqual({ plan: '## Plan\n1. Do it', planFilePath: file });
		expect(await withPlan({ plan: 'given' }, file)).toEqual({ plan: 'given' });
		expect(await withPlan({}, undefined)).toEqual({});
		expect(await withPlan({}, `${file}.missing`)).toEqual({});
	});
});
