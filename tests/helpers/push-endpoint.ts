// A stand-in push service for tests: an HTTPS server (web-push only speaks HTTPS) with a throwaway
// self-signed certificate (valid for 127.0.0.1 and localhost: a test can reach it under a name the
// server's push services do not list), that records each POST and answers with the status a test chooses; and a
// subscriber that makes a browser's keys and decrypts what arrives (RFC 8291 aes128gcm, Node crypto only).
import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PushDelivery {
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

export interface PushEndpoint {
	origin: string;
	/** Trusts this endpoint's certificate: hand it to the server as its push agent. */
	agent: Agent;
	deliveries: PushDelivery[];
	/** The status (and body) to answer the POSTs to `path` with (201 unless set). */
	answer(path: string, status: number, body?: string): void;
	/** Leaves the POSTs to `path` unanswered until `release` (a push service that hangs). */
	hold(path: string): void;
	release(path: string): void;
	/** Resolves once `count` deliveries have arrived in all. */
	received(count: number, timeoutMs?: number): Promise<PushDelivery[]>;
	close(): Promise<void>;
}

function selfSigned(): { key: string; cert: string } {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'push-cert-'));
	try {
		const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
		execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
			'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert], { stdio: 'ignore' });
		return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
	const tls = selfSigned();
	const deliveries: PushDelivery[] = [];
	const statuses = new Map<string, { status: number; body?: string }>();
	const held = new Map<string, Array<() => void>>();
	let waiters: Array<() => void> = [];
	const server: Server = createServer(tls, (req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const path = req.url ?? '';
			deliveries.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
			const { status, body } = statuses.get(path) ?? { status: 201 };
			const respond = () => res.writeHead(status).end(body);
			const holding = held.get(path);
			if (holding) holding.push(respond);
			else respond();
			for (const wake of waiters) wake();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const agent = new Agent({ ca: tls.cert });
	return {
		origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
		agent,
		deliveries,
		answer: (p, status, body) => statuses.set(p, { status, body }),
		hold: (p) => held.set(p, held.get(p) ?? []),
		release(p) {
			for (const respond of held.get(p) ?? []) respond();
			held.delete(p);
		},
		received(count, timeoutMs = 10_000) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`expected ${count} push deliveries, got ${deliveries.length}`)), timeoutMs);
				const check = () => {
					if (deliveries.length < count) return;
					clearTimeout(timer);
					waiters = waiters.filter((w) => w !== check);
					resolve(deliveries.slice());
				};
				waiters.push(check);
				check();
			});
		},
		close: () => {
			agent.destroy();
			return new Promise((resolve) => server.close(() => resolve()));
		}
	};
}

const b64url = (buf: Buffer) => buf.toString('base64url');
const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

export interface Subscriber {
	/** What the browser would send the server: PushSubscription.toJSON(). */
	subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
	decrypt(body: Buffer): string;
}

/** A browser's side of one subscription at `endpoint`: a P-256 key pair and an auth secret. */
export function subscriber(endpoint: string): Subscriber {
	const ecdh = createECDH('prime256v1');
	const uaPublic = ecdh.generateKeys();
	const auth = randomBytes(16);
	return {
		subscription: { endpoint, keys: { p256dh: b64url(uaPublic), auth: b64url(auth) } },
		decrypt(body) {
			// Header: salt (16) | record size (4) | key id length (1) | key id = the sender's public key.
			const salt = body.subarray(0, 16);
			const idLength = body[20];
			const asPublic = body.subarray(21, 21 + idLength);
			const records = body.subarray(21 + idLength);
			const secret = ecdh.computeSecret(asPublic);
			const ikm = hmac(hmac(auth, secret), Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic, Buffer.from([1])]));
			const prk = hmac(salt, ikm);
			const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
			const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
			const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
			decipher.setAuthTag(records.subarray(records.length - 16));
			const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
			// The last record ends with the delimiter 0x02 and optional zero padding.
			const end = padded.lastIndexOf(2);
			return padded.subarray(0, end).toString('utf8');
		}
	};
}

