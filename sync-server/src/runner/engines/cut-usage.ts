// The usage of a reply cut off before its end (Stop, a dropped stream): the upstream reports the output
// count only in message_delta, and message_start's count is a placeholder, so it is counted from what streamed.
import type { Usage } from '../../../../src/lib/core/model';

/** About four characters a token: a count for a person to read, marked as estimated. */
const estimateTokens = (chars: number) => Math.ceil(chars / 4);

/** `started` is the usage message_start reported (input and cache counts are real); none, none. */
export function cutUsage(started: Usage | undefined, streamedChars: number): Usage | undefined {
	return started && { ...started, outputTokens: estimateTokens(streamedChars), outputEstimated: true };
}
