/**
 * `npm run test:vscode`: runs the in-editor suite (test/vscode/suite) in a desktop VS Code
 * downloaded by @vscode/test-electron, on a temporary copy of examples/ (the tests edit notes
 * and workspace settings). Where VS Code cannot be downloaded, `npm run test:e2e` runs the same
 * suite in code-server instead.
 */

import { runTests } from '@vscode/test-electron';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  const workspace = mkdtempSync(join(tmpdir(), 'glossaire-suite-'));
  for (const f of readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.md'))) {
    copyFileSync(join(root, 'examples', f), join(workspace, f));
  }
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`in-editor suite failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
