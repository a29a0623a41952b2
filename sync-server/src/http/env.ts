// The Hono environment shared by the server's routes: the node request (for the raw URL of an
// upgrade) and response (to know when an answer has been sent), and the caller once authenticated.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/service';

export type AppEnv = {
	Bindings: { incoming?: IncomingMessage; outgoing?: ServerResponse };
	Variables: { principal: Principal; requestId: string };
};
