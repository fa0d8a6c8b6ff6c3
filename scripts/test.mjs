// Runs every *.test.ts under src/, test/ and web/src/ with Node's test runner (through tsx), after the type checks
// (the server and tests with tsconfig.json; the web app, with the DOM and JSX, with web/tsconfig.json).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['src', 'test', 'web/src'];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(p);
  }
};
for (const r of roots) walk(r);
const filter = process.argv.slice(2);
const selected = filter.length ? files.filter((f) => filter.some((x) => f.includes(x))) : files;

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
let status = 0;
if (!filter.length) {
  const server = run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  const web = run('npx', ['tsc', '--noEmit', '-p', 'web/tsconfig.json']);
  status = server || web;
  if (status !== 0) console.error('type check failed');
}
const testStatus = run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...selected.sort()]);
process.exit(status || testStatus);
