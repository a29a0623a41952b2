// Several real server instances as child processes on one fresh PostgreSQL database (created and dropped
// here) and a private redis-server on a free port (so a test can restart it without touching anyone
// else's), sharing one DATA_DIR as a deployment shares a volume. The environment is deploy/'s.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { killGroup, ROOT, spawnServer, tempDataDir, type ServerProcess } from '../helpers/server-process';

export const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const TOKEN = 'cluster-token-0123456789';
export const TENANT = 'alpha';

export async function postgresReachable(): Promise<boolean> {
	const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 1000 });
	return client.connect().then(
		() => client.end().then(() => true),
		() => false
	);
}

/** deploy/instance.env, with what differs on this machine: loopback, a free port, a temp DATA_DIR, the key inline. */
function deploymentEnv(dataDir: string): Record<string, string> {
	const env: Record<string, string> = {};
	for (const line of readFileSync(join(ROOT, 'deploy/instance.env'), 'utf8').split('\n')) {
		const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
		if (match) env[match[1]] = match[2];
	}
	delete env.ANTHROPIC_API_KEY_FILE;
	return { ...env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir };
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export interface PrivateRedis {
	url: string;
	/** Kills the server (no save, so it forgets everything) and starts a new one on the same port. */
	restart(): Promise<void>;
	stop(): Promise<void>;
	/** Starts it again on the same port after `stop`. */
	start(): Promise<void>;
}

export async function startRedis(): Promise<PrivateRedis> {
	const port = await freePort();
	let child: ChildProcess;
	const start = () =>
		new Promise<void>((resolve, reject) => {
			child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
			let out = '';
			child.stdout!.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				if (out.includes('Ready to accept connections')) resolve();
			});
			child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
		});
	const stop = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGKILL');
		});
	await start();
	return {
		url: `redis://127.0.0.1:${port}`,
		restart: async () => {
			await stop();
			await start();
		},
		stop,
		start
	};
}

export interface Cluster {
	databaseUrl: string;
	redis: PrivateRedis;
	instances: ServerProcess[];
	dataDir: string;
	/** The instance whose process holds the session's turn lease, once one does. */
	leaseHolder(doc: string): Promise<ServerProcess | undefined>;
	query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
	/** A connection of its own, for a transaction; release it when done. */
	client(): Promise<pg.PoolClient>;
	stop(): Promise<void>;
}

/** `group` starts each instance in a process group of its own, so a test can see the agent processes it runs. */
export async function startCluster(count: number, env: Record<string, string> = {}, { group = false } = {}): Promise<Cluster> {
	const database = `cluster_${process.pid}_${Date.now().toString(36)}`;
	const admin = new pg.Client(PG_ADMIN_URL);
	await admin.connect();
	await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
	const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
	const db = new pg.Pool({ connectionString: databaseUrl, max: 3 });
	// Dropping the database at the end terminates an idle connection the pool may still be closing.
	db.on('error', () => undefined);
	const redis = await startRedis();
	const dataDir = tempDataDir('sr-cluster-');
	const instances: ServerProcess[] = [];
	const stop = async () => {
		await Promise.all(instances.map((i) => i.kill('SIGKILL')));
		if (group) instances.forEach(killGroup);
		await redis.stop();
		await db.end();
		await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
		await admin.end();
	};
	try {
		// One after another: on a loaded 2-core machine three compiling at once may each miss their start-up deadline.
		for (let n = 0; n < count; n++) {
			instances.push(
				await spawnServer({
					dataDir,
					group,
					env: { ...deploymentEnv(dataDir), DATABASE_URL: databaseUrl, REDIS_URL: redis.url, AUTH_TOKENS: `${TENANT}:${TOKEN}`, LOG_LEVEL: 'warn', ...env }
				})
			);
		}
	} catch (error) {
		await stop();
		throw error;
	}
	const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows;
	return {
		databaseUrl,
		redis,
		instances,
		dataDir,
		query,
		client: () => db.connect(),
		async leaseHolder(doc) {
			const [row] = await query<{ owner: string }>('SELECT owner FROM turn_leases WHERE tenant = $1 AND doc = $2 AND expires_at > now()', [TENANT, doc]);
			const pid = row ? Number(row.owner.split('/')[1]) : NaN;
			return instances.find((i) => i.child.pid === pid);
		},
		stop
	};
}

export const syncUrl = (instance: ServerProcess) => `${instance.origin.replace('http', 'ws')}/sync`;
