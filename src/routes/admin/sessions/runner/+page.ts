// The original runner's address: kept as an alias that lands on the runner at `/`.
import { redirect } from '@sveltejs/kit';

export function load(): never {
	redirect(307, '/');
}
