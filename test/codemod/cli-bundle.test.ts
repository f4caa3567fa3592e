// A bundle over the full-parse limit (4 MB) is processed by default: the large-file path
// (src/codemod/fast-path.ts) writes what the full parse (--max-file-size given) writes; a bundle that
// path cannot prove is listed, not parsed, with the option that parses it in full.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support.js';
import { removeTempTrees, tempTree } from './temp-tree.js';

afterAll(removeTempTrees);

/** About 5.6 MB of minified functions with no `kill`, as a bundler writes them. */
const FILLER = Array.from({ length: 90_000 }, (_, i) => `function f${i}(a){var b={x:a+${i}};b.y=1;return b.x?[b,"}{"]:null}`).join('');
const PROBE = 'function pidAlive(p){try{return process.kill(p,0),!0}catch{return!1}}';

describe('hermes-codemod and a bundle over 4 MB', () => {
  it('processes it by default, with the answer and the text of the full parse', () => {
    const bundle = `(function(){${FILLER}\n${PROBE}module.exports=pidAlive;})();\n`;
    expect(bundle.length).toBeGreaterThan(4 * 1024 * 1024);
    const fast = tempTree({ 'package.json': '{ "name": "app" }\n', 'lib/bundle.js': bundle });
    const full = tempTree({ 'package.json': '{ "name": "app" }\n', 'lib/bundle.js': bundle });
    const check = runCli(['--check'], fast);
    expect(check.status).toBe(1);
    expect(check.stdout).not.toContain('files skipped');
    expect(runCli(['--force'], fast).status).toBe(0);
    expect(runCli(['--force', '--max-file-size', '8'], full).status).toBe(0);
    const written = readFileSync(join(fast, 'lib/bundle.js'), 'utf8');
    expect(written).toContain('function pidAlive(p){return pidIsAlive(p, { treatPermissionDeniedAsAlive: false });}');
    expect(written).toBe(readFileSync(join(full, 'lib/bundle.js'), 'utf8'));
  }, 300_000);

  it('lists one the large-file path cannot prove, with the option that parses it in full', () => {
    // The alias is called in a function with no `kill`: only the full parse can say what it is.
    const bundle = `var k;function init(){k=process.kill}${FILLER}\nfunction pidAlive(p){try{return k(p,0),!0}catch{return!1}}module.exports=pidAlive;\n`;
    const dir = tempTree({ 'package.json': '{ "name": "app" }\n', 'lib/bundle.js': bundle });
    const check = runCli(['--check'], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/files skipped\s+1\n/);
    expect(check.stdout).toContain('lib/bundle.js: larger than 4 MB (5.8 MB, a bundle?) and the analysis around its probes cannot prove its answer: not parsed in full; --max-file-size 6 parses it in full');
  }, 300_000);

  it('names its size in bytes, as --max-file-size counts them, and the option it names parses it', () => {
    // Text past ASCII: fewer characters than bytes (yarn 1's lib/cli.js, 5.1 MB, was named 4.9 MB with
    // an option that still left it out).
    const wide = `var label="${'\u00e9'.repeat(800_000)}";`;
    const filler = Array.from({ length: 59_000 }, (_, i) => `function f${i}(a){var b={x:a+${i}};b.y=1;return b.x?[b,"}{"]:null}`).join('');
    const bundle = `var k;function init(){k=process.kill}${wide}${filler}\nfunction pidAlive(p){try{return k(p,0),!0}catch{return!1}}module.exports=pidAlive;\n`;
    const bytes = Buffer.byteLength(bundle);
    const option = Math.ceil(bytes / (1024 * 1024));
    expect(bundle.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(option).toBeGreaterThan(Math.ceil(bundle.length / (1024 * 1024)));
    const dir = tempTree({ 'package.json': '{ "name": "app" }\n', 'lib/bundle.js': bundle });
    const check = runCli(['--check'], dir);
    expect(check.stdout).toContain(`lib/bundle.js: larger than 4 MB (${(bytes / (1024 * 1024)).toFixed(1)} MB, a bundle?) and the analysis around its probes cannot prove its answer: not parsed in full; --max-file-size ${option} parses it in full`);
    const full = runCli(['--check', '--json', '--max-file-size', String(option)], dir);
    // Parsed in full: nothing skipped or left out (the full parse finds no probe through the alias).
    expect(full.status).toBe(0);
    expect(JSON.parse(full.stdout)).toMatchObject({ summary: { filesScanned: 1, filesSkipped: 0 }, notProcessed: [] });
  }, 300_000);
});
