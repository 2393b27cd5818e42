// The packaged binary's fuses, read from electron-builder.yml the way electron-builder reads it (and checked against its
// schema): the installed app runs only its own code, from its own app.asar, and cannot be made into a Node or a
// debugger by whoever can start it or set its environment.
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the packaged Electron binary', () => {
  it('has its fuses set in electron-builder.yml', async () => {
    const config = await getConfig(join(__dirname, '../..'), null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
