// `paicha` on a Node older than 22.14 stops with a sentence before loading the native module (which would crash).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(__dirname, '..', '..', 'bin', 'paicha.js');

describe('the paicha command on an old Node', () => {
  it('refuses to run, in Chinese, with exit status 1', () => {
    const script = `Object.defineProperty(process.versions, 'node', { value: '20.20.2' }); require(${JSON.stringify(bin)});`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('排查台账需要 Node.js 22.14 或更高版本');
    expect(result.stdout).toBe('');
  });
});
