// Keeps the head and the tail of a command's output within a byte budget: the start says what ran, the end how it ended.
export class OutputCap {
	private head: Buffer[] = [];
	private headBytes = 0;
	private tail = Buffer.alloc(0);
	private total = 0;

	constructor(private readonly maxBytes: number) {}

	push(chunk: Buffer): void {
		this.total += chunk.length;
		const half = Math.floor(this.maxBytes / 2);
		const room = half - this.headBytes;
		if (room > 0) {
			const part = chunk.subarray(0, room);
			this.head.push(part);
			this.headBytes += part.length;
			chunk = chunk.subarray(part.length);
		}
		if (chunk.length > 0) {
			const joined = Buffer.concat([this.tail, chunk]);
			this.tail = joined.subarray(Math.max(0, joined.length - (this.maxBytes - half)));
		}
	}

	/** The kept output as text; a cut in the middle is marked with how much was left out. */
	text(): string {
		const kept = this.headBytes + this.tail.length;
		const decode = (bytes: Buffer) => new TextDecoder('utf-8').decode(bytes);
		if (kept >= this.total) return decode(Buffer.concat([...this.head, this.tail]));
		return `${decode(Buffer.concat(this.head))}\n[… ${this.total - kept} bytes of output cut …]\n${decode(this.tail)}`;
	}
}
