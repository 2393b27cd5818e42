// Who the app is, from package.json, and where its data live by default.
import { homedir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../package.json';

export const appIdentity = {
  name: pkg.name,
  productName: pkg.productName,
  version: pkg.version,
} as const;

/**
 * The per-user data folder: %APPDATA%\paicha on Windows, ~/Library/Application Support/paicha on macOS,
 * $XDG_DATA_HOME/paicha (default ~/.local/share/paicha) elsewhere. Electron and the CLI use the same one.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appIdentity.name);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appIdentity.name);
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), appIdentity.name);
}

export function defaultDbPath(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string {
  return join(defaultDataDir(env, platform), 'paicha.sqlite');
}
