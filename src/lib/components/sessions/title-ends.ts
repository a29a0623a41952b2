// A tab's title cut in the middle: its start may shorten with an ellipsis, its end always shows, so a
// session and its fork ("… (fork)") or two numbered sessions still differ in a narrow tab.

/** Characters of a title's end that stay visible. */
const TAIL = 8;

/** The title as [start, end]: the end is its last TAIL characters, or nothing for a short title. */
export function titleEnds(title: string, tail = TAIL): [string, string] {
	const chars = Array.from(title);
	if (chars.length <= tail * 2) return [title, ''];
	return [chars.slice(0, -tail).join(''), chars.slice(-tail).join('')];
}
