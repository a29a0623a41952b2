// The device's link to its sync server, as UI state: signed in or not, the live status, the server's
// model. It connects once local storage is open and a token is stored, and disconnects on sign-out or
// when the server refuses the token (revoked elsewhere); the local data stays readable either way.
import { DEFAULT_MODEL } from '$lib/core/defaults';
import type { Engine } from '$lib/core/model';
import type { LocalDocs } from '$lib/docs/local';
import { accountApi } from '$lib/sync/api';
import type { Connection } from '$lib/sync/connect';
import { cachedServerConfig, fetchServerConfig, type ServerConfig, type ShellStatus } from '$lib/sync/server-config';
import type { ConnectionStatus } from '$lib/sync/status';
import { clearToken, readToken, TOKEN_KEY } from '$lib/sync/token';

const NOT_SIGNED_IN: ConnectionStatus = { state: 'offline', pending: 0, reason: 'not-signed-in' };
/** How long the server stays unreachable before the device asks whether its token is still valid. */
const VERIFY_AFTER_MS = 1500;

export type SignOutResult = { ok: true } | { ok: false; message: string };

export class ConnectionState {
	status = $state<ConnectionStatus>(NOT_SIGNED_IN);
	token = $state<string | null>(null);
	/** The server refused this device's token (revoked on another device); cleared by the next sign-in. */
	refused = $state(false);
	/** The model new sessions name: the server's when it was ever known, else the built-in default. */
	model = $state(DEFAULT_MODEL);
	/** The engine new sessions preselect: the server's `DEFAULT_ENGINE` when it said, else Claude Code. */
	engine = $state<Engine>('claude-code');
	/** Whether the server's demo model answers instead of Claude; null until the server has said. */
	demo = $state<boolean | null>(null);
	/** Whether Claude may run shell commands on the server, and if not why; null until the server has said. */
	shell = $state<ShellStatus | null>(null);
	/** Loads the device's docs layer; only a signed-in device needs it here. */
	#docs: (() => Promise<LocalDocs>) | null = null;
	#connection: Connection | null = null;
	#unsubscribe = () => {};
	#verifyTimer: ReturnType<typeof setTimeout> | undefined;
	#viewing: string | null = null;

	get signedIn(): boolean {
		return this.token !== null;
	}

	/** Called once local storage is open. */
	async start(docs: () => Promise<LocalDocs>): Promise<void> {
		this.#docs = docs;
		const cached = cachedServerConfig();
		if (cached) this.#useConfig(cached);
		void fetchServerConfig().then((config) => config && this.#useConfig(config));
		addEventListener('storage', this.#onStorage);
		this.token = readToken();
		if (this.token) await this.#connect(this.token);
	}

	/**
	 * Forgets the token, then tells the server (when it can be reached); local data stays. Forgetting
	 * first lets the device's other tabs learn it is a sign-out before the server closes their sockets.
	 */
	async signOut(): Promise<SignOutResult> {
		const token = this.token;
		if (!token) return { ok: true };
		this.#forget(NOT_SIGNED_IN);
		this.refused = false;
		const told = await accountApi(token).signOut();
		if (told.ok || told.reason === 'invalid-token') return { ok: true };
		return {
			ok: false,
			message: `Signed out on this device, but the server was not told (${told.message}) Revoke it from another device.`
		};
	}

	/** The session document on screen (null when none is, or the app is hidden), told to the server. */
	setViewing(docName: string | null): void {
		this.#viewing = docName;
		this.#connection?.remote.setViewing(docName);
	}

	stop(): void {
		removeEventListener('storage', this.#onStorage);
		this.#disconnect();
		this.#docs = null;
	}

	/** Another tab of this app signed in or out: follow it, so no tab keeps syncing with a dropped token. */
	#onStorage = (event: StorageEvent) => {
		if (event.key === TOKEN_KEY || event.key === null) this.#followStoredToken();
	};

	#followStoredToken() {
		const token = readToken();
		if (token === this.token) return;
		this.#disconnect();
		this.token = token;
		this.refused = false;
		this.status = NOT_SIGNED_IN;
		if (token) void this.#connect(token);
	}

	#useConfig(config: ServerConfig) {
		this.model = config.model;
		this.demo = config.demo;
		this.engine = config.defaultEngine ?? 'claude-code';
		this.shell = config.shell ?? null;
	}

	async #connect(token: string) {
		const load = this.#docs;
		if (!load) return;
		const [docs, { connect }] = await Promise.all([load(), import('$lib/sync/connect')]);
		const index = await docs.index();
		// Signed out or stopped while the docs layer or the index doc was loading.
		if (this.token !== token || this.#docs !== load || this.#connection) return;
		const connection = connect(docs, index, token, () => this.#refused(token));
		this.#connection = connection;
		connection.remote.setViewing(this.#viewing);
		this.#unsubscribe = connection.remote.subscribe((status) => this.#follow(status));
	}

	#follow(status: ConnectionStatus) {
		const wasUnreachable = this.status.reason === 'server-unreachable';
		this.status = status;
		if (status.reason !== 'server-unreachable') clearTimeout(this.#verifyTimer);
		// A revoked token is refused before the socket opens, which a browser reports as any failed
		// connection; the API says which it is.
		else if (!wasUnreachable) this.#verifyTimer = setTimeout(() => void this.#verify(), VERIFY_AFTER_MS);
	}

	async #verify() {
		const token = this.token;
		if (!token) return;
		const me = await accountApi(token).me();
		if (!me.ok && me.reason === 'invalid-token' && this.token === token) this.#refuse();
	}

	/** The server closed a socket for good; unless another tab of this device just signed out or in. */
	#refused(token: string) {
		// Deferred: this runs inside a provider's event, and refusing destroys the providers.
		setTimeout(() => {
			if (this.token !== token) return;
			if (readToken() !== token) this.#followStoredToken();
			else this.#refuse();
		}, 0);
	}

	#refuse() {
		this.#forget({ state: 'offline', pending: this.status.pending, reason: 'refused' });
		this.refused = true;
	}

	#forget(status: ConnectionStatus) {
		this.#disconnect();
		// The server has dropped this device's push subscription with its token: drop it here too, so the
		// Notifications switch shows off and the worker keeps no stale token.
		import('$lib/pwa/push')
			.then((push) => push.disablePush(null))
			.catch((error) => console.error('push-forget-failed', error));
		clearToken();
		this.token = null;
		this.status = status;
	}

	#disconnect() {
		clearTimeout(this.#verifyTimer);
		this.#unsubscribe();
		this.#unsubscribe = () => {};
		this.#connection?.close();
		this.#connection = null;
	}
}
