// Token usage as both engines read it: the API's counts (the Messages API's and Claude Code's stream share
// the shape) into ours, and the usage of a reply cut off before its end (Stop, a dropped stream): the
// upstream reports the output count only in message_delta, and message_start's count is a placeholder, so
// it is counted from what streamed.
import type { Usage } from '../../../../src/lib/core/model';

export type ApiUsage = { input_tokens?: number | null; output_tokens?: number | null; cache_read_input_tokens?: number | null; cache_creation_input_tokens?: number | null };

export const toUsage = (u: ApiUsage | undefined): Usage | undefined =>
	u && {
		inputTokens: u.input_tokens ?? 0,
		outputTokens: u.output_tokens ?? 0,
		cacheReadTokens: u.cache_read_input_tokens ?? 0,
		cacheWriteTokens: u.cache_creation_input_tokens ?? 0
	};

/** About four characters a token: a count for a person to read, marked as estimated. */
const estimateTokens = (chars: number) => Math.ceil(chars / 4);

/** `started` is the usage message_start reported (input and cache counts are real); none, none. */
export function cutUsage(started: Usage | undefined, streamedChars: number): Usage | undefined {
	return started && { ...started, outputTokens: estimateTokens(streamedChars), outputEstimated: true };
}
