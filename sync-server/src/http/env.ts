// The Hono environment shared by the server's routes: the node request (for the raw URL of an
// upgrade) and the caller once authenticated.
import type { IncomingMessage } from 'node:http';
import type { Principal } from '../auth/service';

export type AppEnv = {
	Bindings: { incoming?: IncomingMessage };
	Variables: { principal: Principal; requestId: string };
};
