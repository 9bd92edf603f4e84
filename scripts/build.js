// `npm run build`: compiles src/ into dist/ for `node dist/main.js`, and puts beside the compiled code what it
// reads from disk at run time. Arguments go on to tsc (`--outDir <dir>` builds elsewhere).
const { execFileSync } = require('node:child_process');
const { cpSync, rmSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = join(__dirname, '..');
const args = process.argv.slice(2);
const outDirAt = args.indexOf('--outDir');
const outDir = resolve(outDirAt >= 0 ? args[outDirAt + 1] : join(root, 'dist'));
if (outDirAt >= 0) args.splice(outDirAt, 2);

// A fresh folder each time: a module deleted from src/ must not live on in dist/.
rmSync(outDir, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), ...args, '--outDir', outDir], {
  stdio: 'inherit',
});
cpSync(join(root, 'src', 'store', 'migrations'), join(outDir, 'store', 'migrations'), { recursive: true });
