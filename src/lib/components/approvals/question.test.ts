import { describe, expect, it } from 'vitest';
import { collectAnswers, emptyChoice, pick, questionsOf, type Question } from './question';

const library: Question = {
	question: 'Which date library?',
	header: 'Library',
	options: [
		{ label: 'date-fns', description: 'small, functional' },
		{ label: 'Luxon', description: 'time zones' }
	],
	multiSelect: false
};
const features: Question = {
	question: 'Which features?',
	header: 'Features',
	options: [
		{ label: 'Search', description: '' },
		{ label: 'Export', description: '' },
		{ label: 'Push', description: '' }
	],
	multiSelect: true
};

describe('AskUserQuestion answers', () => {
	it('reads Claude Code’s questions and skips malformed ones', () => {
		const input = { questions: [library, { question: '' }, 'nonsense', { ...features, header: 7 }] };
		expect(questionsOf(input)).toEqual([library, { ...features, header: '' }]);
		expect(questionsOf({})).toEqual([]);
		expect(questionsOf(null)).toEqual([]);
	});

	it('a single-select question keeps the last pick; a multi-select one toggles, in the options’ order', () => {
		let one = pick(emptyChoice(), library, 'date-fns');
		one = pick(one, library, 'Luxon');
		let many = pick(emptyChoice(), features, 'Push');
		many = pick(many, features, 'Search');
		many = pick(many, features, 'Export');
		many = pick(many, features, 'Export');
		expect(collectAnswers([library, features], [one, many])).toEqual({ 'Which date library?': 'Luxon', 'Which features?': 'Search, Push' });
	});

	it('typed "Other" text answers a single-select question, and joins a multi-select one', () => {
		const one = { picked: ['Luxon'], other: ' Temporal ' };
		const many = { picked: ['Export'], other: 'Sync' };
		expect(collectAnswers([library, features], [one, many])).toEqual({ 'Which date library?': 'Temporal', 'Which features?': 'Export, Sync' });
	});

	it('has no answers while a question is unanswered', () => {
		expect(collectAnswers([library, features], [pick(emptyChoice(), library, 'Luxon'), emptyChoice()])).toBeNull();
		expect(collectAnswers([library], [{ picked: [], other: '   ' }])).toBeNull();
	});
});
