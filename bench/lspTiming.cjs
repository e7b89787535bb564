// Preloaded into the language server by the benchmark (`node --require bench/lspTiming.cjs
// dist/server.js --stdio`), leaving the server itself unchanged: timestamps every chunk the
// server reads on stdin and every message it writes on stdout, and writes the log to the file
// named by GLOSSAIRE_BENCH_TIMING when the process exits. The time between a didChange
// arriving and its publishDiagnostics being written is the server's own processing time,
// without the pipe and the client's parsing.
'use strict';
const { writeFileSync } = require('node:fs');

const file = process.env.GLOSSAIRE_BENCH_TIMING;
if (file) {
  /** [direction, nanoseconds, method, id, version] */
  const log = [];
  const now = () => Number(process.hrtime.bigint());
  const METHOD = /"method":"([^"]+)"/;
  const ID = /"id":(\d+)/;
  const VERSION = /"version":(\d+)/;
  const RESPONSE = /^\{"jsonrpc":"2\.0","id":(\d+),"(?:result|error)"/;

  // Registered before the server's own reader (it is created while the main module runs).
  process.stdin.on('data', (chunk) => {
    const t = now();
    const head = chunk.toString('utf8', 0, Math.min(chunk.length, 600));
    const m = METHOD.exec(head);
    const id = ID.exec(head);
    const v = m && m[1] === 'textDocument/didChange' ? VERSION.exec(head) : null;
    log.push(['in', t, m ? m[1] : '', id ? Number(id[1]) : -1, v ? Number(v[1]) : -1]);
  });

  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (data, ...rest) => {
    const t = now();
    const head = typeof data === 'string' ? data.slice(0, 600) : Buffer.from(data.buffer, data.byteOffset, Math.min(data.length, 600)).toString('utf8');
    if (!head.startsWith('Content-Length')) {
      const r = RESPONSE.exec(head);
      if (r) log.push(['out', t, '', Number(r[1]), -1]);
      else {
        const m = METHOD.exec(head);
        if (m && m[1] === 'textDocument/publishDiagnostics') {
          const v = VERSION.exec(head);
          log.push(['out', t, m[1], -1, v ? Number(v[1]) : -1]);
        }
      }
    }
    return write(data, ...rest);
  };

  process.on('exit', () => {
    writeFileSync(file, JSON.stringify(log));
  });
}
