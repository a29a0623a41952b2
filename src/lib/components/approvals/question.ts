// What an AskUserQuestion card shows and sends: Claude Code's questions (1–4, each with 2–4 options,
// some multi-select) read leniently from the tool input, and the answers in the shape Claude Code takes
// back: question text → the chosen label(s) joined by ", ", or what the person typed under "Other".
import { z } from '$lib/core/zod';

const OptionSchema = z.object({ label: z.string().min(1), description: z.string().catch('') });
const QuestionSchema = z.object({
	question: z.string().min(1),
	header: z.string().catch(''),
	options: z.array(OptionSchema).catch([]),
	multiSelect: z.boolean().catch(false)
});
export type Question = z.infer<typeof QuestionSchema>;

/** The questions of a tool input; an empty list when there are none it can show. */
export function questionsOf(input: unknown): Question[] {
	const parsed = z.object({ questions: z.array(z.unknown()) }).safeParse(input);
	if (!parsed.success) return [];
	return parsed.data.questions.flatMap((q) => {
		const question = QuestionSchema.safeParse(q);
		return question.success ? [question.data] : [];
	});
}

/** A person's choice on one question: the labels picked, and the "Other" text (which wins when filled in). */
export interface Choice {
	picked: string[];
	other: string;
}

export const emptyChoice = (): Choice => ({ picked: [], other: '' });

/** Picking an option: a single-select question keeps only it; a multi-select one toggles it. */
export function pick(choice: Choice, question: Question, label: string): Choice {
	if (!question.multiSelect) return { picked: [label], other: '' };
	const picked = choice.picked.includes(label) ? choice.picked.filter((l) => l !== label) : [...choice.picked, label];
	return { ...choice, picked };
}

export function answerText(choice: Choice, question: Question): string {
	const other = choice.other.trim();
	if (other && !question.multiSelect) return other;
	const labels = question.options.map((o) => o.label).filter((l) => choice.picked.includes(l));
	return [...labels, ...(other ? [other] : [])].join(', ');
}

/** Every question's answer, or null while one is still unanswered. */
export function collectAnswers(questions: Question[], choices: Choice[]): Record<string, string> | null {
	const answers: Record<string, string> = {};
	for (const [i, question] of questions.entries()) {
		const text = answerText(choices[i] ?? emptyChoice(), question);
		if (!text) return null;
		answers[question.question] = text;
	}
	return answers;
}
