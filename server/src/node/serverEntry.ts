/**
 * Entry of dist/server.js: runs the language server (dist/server-core.js, server/src/lsp/main.ts)
 * through V8's code cache (see codeCache.ts). The cache is written once the server has done
 * its first work (or at exit), so that it holds the functions of the first diagnostics too.
 */

import { join } from 'node:path';
import { runCachedBundle } from './codeCache';

const core = runCachedBundle(join(__dirname, 'server-core.js'));
process.once('exit', () => core.save({ grown: true }));
setTimeout(() => core.save({ grown: true }), 10_000).unref();
