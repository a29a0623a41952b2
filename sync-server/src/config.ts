// The server's whole configuration as one typed object: parsed once from the environment by index.ts
// and passed down, so no other module reads process.env.
import { readFileSync } from 'node:fs';
import { isId } from '../../src/lib/core/ids';
import { ENGINES, type Engine } from '../../src/lib/core/model';
import { parsePushService, type PushService } from './push/services';

export interface ConfigToken {
	tenant: string;
	token: string;
}

export interface ServerConfig {
	port: number;
	host: string;
	dataDir: string;
	/** Directory of the built PWA (adapter-static output with the `200.html` SPA fallback). */
	staticDir: string;
	/** The address people open; the printed sign-in and pairing links start with it. */
	publicUrl: string | undefined;
	authTokens: ConfigToken[];
	databaseUrl: string | undefined;
	redisUrl: string | undefined;
	/** Extra origins for CORS and WebSocket upgrades; the server's own origin is always allowed. */
	allowedOrigins: string[];
	anthropic: { apiKey: string | undefined; baseUrl: string | undefined; model: string | undefined };
	/** A document with no socket and no holder is unloaded after this long. */
	idleUnloadMs: number;
	/** While a document is loaded, its update log is compacted once it holds this many rows. */
	compactAfterUpdates: number;
	/** Largest WebSocket message accepted; a bigger one closes that socket (1009). */
	maxFrameBytes: number;
	/** Largest HTTP request body accepted by the API. */
	maxBodyBytes: number;
	/** A socket whose unsent backlog exceeds this is closed rather than buffered without bound. */
	maxBufferedBytes: number;
	/** Unsent bytes over all sockets; past it the least recently active sockets are shed (1013). */
	totalBufferedBytes: number;
	/** Encoded bytes of all loaded documents; past it the least recently used socket-only documents are shed. */
	loadedDocBudgetBytes: number;
	/**
	 * Messages one sync socket may send per second on average (ten seconds' worth at once); past it the server
	 * reads that socket more slowly, so one client's flood cannot stall the others.
	 */
	socketMessagesPerSecond: number;
	/** Sync sockets one tenant may hold; a new one past it sheds the tenant's least recently active. */
	socketsPerTenant: number;
	/** Bearer token for /metrics; without it, /metrics answers loopback clients only. */
	metricsToken: string | undefined;
	pairingTtlMs: number;
	signInTtlMs: number;
	/** Sockets that answer no ping for this long are dropped. */
	heartbeatMs: number;
	/** Claude turns one tenant may run at once, and prompts it may start per minute. */
	turnsPerTenant: number;
	promptsPerMinute: number;
	/** GIT_HOOKS=1: git runs the hooks and programs a repository's own config names (off by default). */
	gitHooks: boolean;
	/** A session's turn lease lapses this long after its holder stopped renewing it (another instance then takes over). */
	leaseTtlMs: number;
	/** Engine of sessions created without choosing one. */
	defaultEngine: Engine;
	/** Claude Code processes this instance runs at once; a prompt over the cap waits and says why. */
	maxAgents: number;
	/** PUSH_CONTACT: the https: or mailto: address push services may reach the operator at (the VAPID subject). */
	pushContact: string | undefined;
	/** PUSH_SERVICES: the push services endpoints may be on; the server posts nowhere else (see push/services.ts). */
	pushServices: PushService[];
	logLevel: string;
}

/**
 * The push services browsers use: Chrome, Edge's Chromium and most others (FCM), Firefox (Mozilla autopush),
 * Edge on Windows (WNS, one host per region), Safari (Apple). `*.` matches any host below, at a dot boundary.
 */
export const DEFAULT_PUSH_SERVICES = [
	'fcm.googleapis.com',
	'updates.push.services.mozilla.com',
	'push.services.mozilla.com',
	'*.notify.windows.com',
	'*.push.apple.com',
	'web.push.apple.com'
];

function parsePushServices(entries: readonly string[]): PushService[] | string {
	const out: PushService[] = [];
	for (const entry of entries) {
		const service = parsePushService(entry);
		if (!service) return entry;
		out.push(service);
	}
	return out;
}

export const DEFAULTS: ServerConfig = {
	port: 8787,
	host: '127.0.0.1',
	dataDir: './data',
	staticDir: 'build',
	publicUrl: undefined,
	authTokens: [],
	databaseUrl: undefined,
	redisUrl: undefined,
	allowedOrigins: [],
	anthropic: { apiKey: undefined, baseUrl: undefined, model: undefined },
	idleUnloadMs: 30_000,
	compactAfterUpdates: 500,
	maxFrameBytes: 16 * 1024 * 1024,
	maxBodyBytes: 64 * 1024,
	maxBufferedBytes: 64 * 1024 * 1024,
	totalBufferedBytes: 128 * 1024 * 1024,
	loadedDocBudgetBytes: 512 * 1024 * 1024,
	// A fast typist sends ~15 updates a second (and as many awareness changes), a paste or an offline catch-up one.
	socketMessagesPerSecond: 200,
	socketsPerTenant: 100,
	metricsToken: undefined,
	pairingTtlMs: 10 * 60_000,
	signInTtlMs: 24 * 60 * 60_000,
	heartbeatMs: 30_000,
	turnsPerTenant: 2,
	promptsPerMinute: 20,
	gitHooks: false,
	leaseTtlMs: 15_000,
	defaultEngine: 'claude-code',
	// A Claude Code process takes about 150-250 MB and a core while it starts: four fit a 2-core box.
	maxAgents: 4,
	pushContact: undefined,
	// Each default parses (config.test.ts checks): the assertion cannot hide a bad entry.
	pushServices: DEFAULT_PUSH_SERVICES.map((entry) => parsePushService(entry)!),
	logLevel: 'info'
};

export type Env = Record<string, string | undefined>;
export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; reason: string; message: string };

const fail = (reason: string, message: string): ConfigResult => ({ ok: false, reason, message });

function parseTokens(raw: string): ConfigToken[] | string {
	const out: ConfigToken[] = [];
	for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
		const at = pair.indexOf(':');
		const tenant = pair.slice(0, at);
		const token = pair.slice(at + 1);
		if (at < 1 || !isId(tenant) || token.length === 0) return pair.slice(0, Math.max(at, 0));
		out.push({ tenant, token });
	}
	return out;
}

function parseOrigins(raw: string): string[] | string {
	const out: string[] = [];
	for (const item of raw.split(',').map((o) => o.trim()).filter(Boolean)) {
		try {
			out.push(new URL(item).origin);
		} catch {
			return item;
		}
	}
	return out;
}

function int(env: Env, name: string, fallback: number): number | null {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	return Number.isInteger(value) && value >= 0 ? value : null;
}

/** Numeric variables and the least value that still works (0 would stop heartbeats, turns or prompts). */
const NUMERIC = {
	PORT: ['port', 0],
	IDLE_UNLOAD_MS: ['idleUnloadMs', 0],
	COMPACT_AFTER_UPDATES: ['compactAfterUpdates', 1],
	MAX_FRAME_BYTES: ['maxFrameBytes', 1024],
	MAX_BODY_BYTES: ['maxBodyBytes', 1024],
	MAX_BUFFERED_BYTES: ['maxBufferedBytes', 1024],
	MAX_TOTAL_BUFFERED_BYTES: ['totalBufferedBytes', 1024],
	LOADED_DOC_BUDGET_BYTES: ['loadedDocBudgetBytes', 1024],
	MAX_SOCKETS_PER_TENANT: ['socketsPerTenant', 1],
	SOCKET_MESSAGES_PER_SECOND: ['socketMessagesPerSecond', 1],
	PAIRING_TTL_MS: ['pairingTtlMs', 1000],
	SIGNIN_TTL_MS: ['signInTtlMs', 1000],
	HEARTBEAT_MS: ['heartbeatMs', 1000],
	TURNS_PER_TENANT: ['turnsPerTenant', 1],
	PROMPTS_PER_MINUTE: ['promptsPerMinute', 1],
	LEASE_TTL_MS: ['leaseTtlMs', 300],
	MAX_AGENTS: ['maxAgents', 1]
} as const;

const isEngine = (value: string): value is Engine => (ENGINES as readonly string[]).includes(value);

/** The key from ANTHROPIC_API_KEY_FILE (container secrets), else ANTHROPIC_API_KEY; a string on failure. */
function apiKey(env: Env, readFile: (path: string) => string): { key: string | undefined } | string {
	const file = env.ANTHROPIC_API_KEY_FILE;
	if (!file) return { key: env.ANTHROPIC_API_KEY || undefined };
	try {
		const key = readFile(file).trim();
		return key ? { key } : `ANTHROPIC_API_KEY_FILE: ${file} is empty`;
	} catch (err) {
		return `ANTHROPIC_API_KEY_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
	}
}

export function parseConfig(env: Env, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): ConfigResult {
	const config: ServerConfig = { ...DEFAULTS, anthropic: { ...DEFAULTS.anthropic } };
	for (const [name, [key, min]] of Object.entries(NUMERIC)) {
		const value = int(env, name, DEFAULTS[key]);
		if (value === null || value < min) return fail('invalid-number', `${name} must be a whole number of at least ${min}`);
		config[key] = value;
	}
	if (config.port > 65535) return fail('invalid-number', 'PORT must be at most 65535');
	config.host = env.HOST || DEFAULTS.host;
	config.dataDir = env.DATA_DIR || DEFAULTS.dataDir;
	config.staticDir = env.STATIC_DIR || DEFAULTS.staticDir;
	config.publicUrl = env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined;
	config.databaseUrl = env.DATABASE_URL || undefined;
	config.redisUrl = env.REDIS_URL || undefined;
	if (config.redisUrl && !config.databaseUrl) {
		return fail('redis-needs-database', 'REDIS_URL joins several instances, which share their documents through PostgreSQL: set DATABASE_URL too');
	}
	config.logLevel = env.LOG_LEVEL || DEFAULTS.logLevel;
	config.gitHooks = /^(1|true|yes|on)$/i.test(env.GIT_HOOKS?.trim() ?? '');
	config.metricsToken = env.METRICS_TOKEN || undefined;
	config.pushContact = env.PUSH_CONTACT?.trim() || undefined;
	if (config.pushContact && !/^(https:\/\/[^\s/]+|mailto:[^\s@]+@[^\s@]+)/.test(config.pushContact)) {
		return fail('invalid-push-contact', 'PUSH_CONTACT must be an https: URL or a mailto: address');
	}
	const services = env.PUSH_SERVICES?.trim() ? parsePushServices(env.PUSH_SERVICES.split(',').map((s) => s.trim()).filter(Boolean)) : DEFAULTS.pushServices;
	if (typeof services === 'string') {
		return fail('invalid-push-services', `PUSH_SERVICES: "${services}" is not a host, *.suffix or host:port (an IP or localhost needs its port)`);
	}
	config.pushServices = services;
	const engine = env.DEFAULT_ENGINE || DEFAULTS.defaultEngine;
	if (!isEngine(engine)) return fail('invalid-engine', `DEFAULT_ENGINE must be one of ${ENGINES.join(', ')}`);
	config.defaultEngine = engine;
	const key = apiKey(env, readFile);
	if (typeof key === 'string') return fail('invalid-api-key-file', key);
	config.anthropic = {
		apiKey: key.key,
		baseUrl: env.ANTHROPIC_BASE_URL || undefined,
		model: env.CLAUDE_MODEL || undefined
	};
	const tokens = parseTokens(env.AUTH_TOKENS ?? '');
	if (typeof tokens === 'string') {
		return fail('invalid-auth-tokens', `AUTH_TOKENS needs tenant:token pairs with tenant ids like "team-a" (bad entry near "${tokens}")`);
	}
	config.authTokens = tokens;
	const origins = parseOrigins(env.ALLOWED_ORIGINS ?? '');
	if (typeof origins === 'string') return fail('invalid-origin', `ALLOWED_ORIGINS: "${origins}" is not an origin URL`);
	config.allowedOrigins = origins;
	return { ok: true, config };
}

/** The address to open: PUBLIC_URL, or where the server listens (a wildcard host becomes localhost). */
export function publicOrigin(config: ServerConfig, port = config.port): string {
	if (config.publicUrl) return config.publicUrl;
	const wildcard = config.host === '0.0.0.0' || config.host === '::';
	const host = wildcard ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
	return `http://${host}:${port}`;
}
