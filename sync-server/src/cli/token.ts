// `npm run token -- <tenant> [label]`: mints a long-lived device token for a tenant straight into the
// store (the server may be running; SQLite's WAL allows both) and prints it with its sign-in link, on
// the address the server running on DATA_DIR recorded (its PORT need not be set in this shell).
// Like index.ts, an entry point, so it reads the same environment variables.
import { isId } from '../../../src/lib/core/ids';
import { signInLink } from '../auth/pairing';
import { createAuth } from '../auth/service';
import { parseConfig, publicOrigin } from '../config';
import { runningServer } from '../store/data-dir-lock';
import { openStore } from '../store/open';

const [tenant, label = 'cli'] = process.argv.slice(2);
if (!tenant || !isId(tenant)) {
	console.error('Usage: npm run token -- <tenant> [label]   (tenant: letters, digits, - and _, up to 64)');
	process.exit(2);
}
const parsed = parseConfig(process.env);
if (!parsed.ok) {
	console.error(`Invalid configuration (${parsed.reason}): ${parsed.message}`);
	process.exit(2);
}
const store = await openStore(parsed.config);
const { token, deviceId } = await createAuth({ store, configTokens: [] }).mintDevice(tenant, label);
await store.close();
console.log(`tenant:  ${tenant}`);
console.log(`device:  ${deviceId}`);
console.log(`token:   ${token}`);
const server = parsed.config.databaseUrl ? undefined : runningServer(parsed.config.dataDir);
console.log(`sign in: ${signInLink(server?.origin ?? publicOrigin(parsed.config), token)}`);
if (!parsed.config.databaseUrl && !server) console.log(`(no server is running on DATA_DIR ${parsed.config.dataDir}: the link works once one runs at this address)`);
