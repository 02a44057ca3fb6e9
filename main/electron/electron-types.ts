/**
 * The part of Electron's API the kiosk shell uses, typed here because the
 * `electron` package is an optional dependency: where its binary cannot be
 * installed (CI, headless hubs) the project must still type-check and build.
 * Keep this list minimal; it is checked against the real API only where
 * Electron is installed (by running the kiosk).
 */
export interface WebContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
  on(event: 'will-navigate' | 'will-attach-webview' | 'will-redirect', listener: (event: { preventDefault(): void }, url?: string) => void): void;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): void;
  getURL(): string;
}

export interface BrowserWindowLike {
  loadURL(url: string): Promise<void>;
  readonly webContents: WebContentsLike;
  once(event: 'ready-to-show', listener: () => void): void;
  show(): void;
  reload(): void;
}

export interface BrowserWindowOptions {
  kiosk: boolean;
  fullscreen: boolean;
  autoHideMenuBar: boolean;
  backgroundColor: string;
  show: boolean;
  webPreferences: {
    contextIsolation: boolean;
    sandbox: boolean;
    nodeIntegration: boolean;
    nodeIntegrationInWorker: boolean;
    webviewTag: boolean;
    spellcheck: boolean;
  };
}

export interface SessionLike {
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

export interface UtilityProcessLike {
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  kill(): boolean;
  once(event: 'exit', listener: (code: number) => void): void;
}

export interface ElectronModule {
  app: {
    whenReady(): Promise<void>;
    on(event: 'window-all-closed' | 'before-quit' | 'web-contents-created', listener: (...args: never[]) => void): void;
    quit(): void;
    exit(code?: number): void;
    getPath(name: 'userData'): string;
    commandLine: { appendSwitch(name: string, value?: string): void };
  };
  BrowserWindow: new (options: BrowserWindowOptions) => BrowserWindowLike;
  session: { defaultSession: SessionLike };
  utilityProcess: {
    fork(modulePath: string, args: string[], options: { stdio: 'pipe'; serviceName: string }): UtilityProcessLike;
  };
}
