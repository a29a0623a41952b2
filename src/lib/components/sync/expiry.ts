// How long a pairing link still works, in words a person reads at a glance.
export function expiresIn(expiresAt: number, now: number): string {
	const left = expiresAt - now;
	if (left <= 0) return 'expired';
	const minutes = Math.ceil(left / 60_000);
	return minutes <= 1 ? 'expires in less than a minute' : `expires in ${minutes} minutes`;
}
