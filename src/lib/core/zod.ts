// zod as the app's own modules use it. A page runs under the server's CSP, which allows no eval: zod's
// probe for `new Function` (for its faster parser) is then reported as a violation on every load, so in a
// browser zod runs without that parser (jitless), which skips the probe. Set before any schema is built.
import { z } from 'zod';

if (typeof document !== 'undefined') z.config({ jitless: true });

export { z };
