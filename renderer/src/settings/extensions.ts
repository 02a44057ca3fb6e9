/**
 * Screens built by the installer and pairing features (their own folders,
 * their own engineers). They are found by file name at build time: while a
 * file does not exist the glob is empty and the settings screen shows a
 * placeholder; once it exists it is loaded on demand as its own chunk.
 *
 * Expected: renderer/src/installer/InstallerScreen.tsx exporting
 * `InstallerScreen` and renderer/src/pairing/PairingPanel.tsx exporting
 * `PairingPanel`, both components without required props.
 */
import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';

export type Extension = LazyExoticComponent<ComponentType> | null;

function extension(loaders: Record<string, () => Promise<unknown>>, exportName: string): Extension {
  const load = Object.values(loaders)[0];
  if (load === undefined) return null;
  return lazy(async () => {
    const mod = await load();
    const component: unknown = typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>)[exportName] : undefined;
    if (typeof component !== 'function') throw new Error(`${exportName} is not exported by its module`);
    return { default: component as ComponentType };
  });
}

export const InstallerScreen: Extension = extension(import.meta.glob('../installer/InstallerScreen.tsx'), 'InstallerScreen');
export const PairingPanel: Extension = extension(import.meta.glob('../pairing/PairingPanel.tsx'), 'PairingPanel');
