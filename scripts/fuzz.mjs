// The long run of the property tests (test/unit/property.test.ts, and chainExtend.test.ts: a
// course's chain extended equals it composed in full): 30,000 cases per property by default
// (~145,000 in all), a fresh seed unless GLOSSAIRE_PROPERTY_SEED is given. Prints the case
// count and the slowest case of each property. Run after `npm run build && tsc -p .`.
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  GLOSSAIRE_PROPERTY_RUNS: process.env.GLOSSAIRE_PROPERTY_RUNS ?? '30000',
  GLOSSAIRE_PROPERTY_SEED: process.env.GLOSSAIRE_PROPERTY_SEED ?? String(Date.now() % 1_000_000),
};
process.stdout.write(`seed ${env.GLOSSAIRE_PROPERTY_SEED}, ${env.GLOSSAIRE_PROPERTY_RUNS} runs per property\n`);
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', 'out/test/unit/property.test.js', 'out/test/unit/chainExtend.test.js'], { env, stdio: 'inherit' });
process.exitCode = r.status ?? 1;
