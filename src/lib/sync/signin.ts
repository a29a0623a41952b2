// Signing a device in: the token from a sign-in or pairing link is exchanged with the server for this
// device's own token, which is then kept on the device.
import { writeToken } from './token';

export type SignInResult = { ok: true; tenant: string } | { ok: false; message: string };

interface RedeemReply {
	token?: string;
	tenant?: string;
	error?: { reason: string; message: string };
}

export async function signIn(token: string, fetcher: typeof fetch = fetch): Promise<SignInResult> {
	let response: Response;
	try {
		response = await fetcher('/api/auth/redeem', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ token })
		});
	} catch {
		return { ok: false, message: 'The server cannot be reached. Connect to the network and open the link again.' };
	}
	const reply = (await response.json().catch(() => ({}))) as RedeemReply;
	if (!response.ok || !reply.token || !reply.tenant) {
		return { ok: false, message: reply.error?.message ?? `The server refused the link (HTTP ${response.status}).` };
	}
	writeToken(reply.token);
	return { ok: true, tenant: reply.tenant };
}
