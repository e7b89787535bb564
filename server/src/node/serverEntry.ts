/**
 * Entry of dist/server.js: runs the language server (dist/server-core.js, server/src/lsp/main.ts)
 * through V8's code cache (see codeCache.ts). The cache is written once the server has done
 * its first work (or at exit), so that it holds the functions of the first diagnostics too.
 */

import { join } from 'node:path';
import { runCachedBundle } from './codeCache';

// The server turns on --expose-gc for its idle-time collections (transport/idleGc.ts): set
// before the compile, or V8's flag hash differs and every start rejects the cache.
const core = runCachedBundle(join(__dirname, 'server-core.js'), { flags: ['--expose-gc'] });
process.once('exit', () => core.save({ grown: true }));
setTimeout(() => core.save({ grown: true }), 10_000).unref();
