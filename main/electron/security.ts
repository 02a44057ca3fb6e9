/**
 * Kiosk hardening in one place (after Actual's security.ts): the window shows
 * the hub's own UI and nothing else. No navigation away, no new windows, no
 * webviews, every permission request denied.
 */
import type { BrowserWindowLike, ElectronModule } from './electron-types.js';

export function hardenSession(electron: ElectronModule): void {
  electron.session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  electron.session.defaultSession.setPermissionCheckHandler(() => false);
}

export function hardenWindow(win: BrowserWindowLike, hubOrigin: string): void {
  const wc = win.webContents;
  wc.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayHome = (event: { preventDefault(): void }, url?: string): void => {
    if (url === undefined || new URL(url).origin !== hubOrigin) event.preventDefault();
  };
  wc.on('will-navigate', stayHome);
  wc.on('will-redirect', stayHome);
  wc.on('will-attach-webview', (event) => event.preventDefault());
  // A wall screen must never stay blank: reload if the renderer dies.
  wc.on('render-process-gone', () => win.reload());
}

export const secureWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  spellcheck: false,
} as const;
