import type { DeviceRole } from '../../../main/common/snapshot.js';
import type { DeviceSettings } from '../../../main/common/installer.js';

/** Settings taken from scan hits, waiting to fill the connection step's forms. */
export const scanPicks = new Map<DeviceRole, DeviceSettings>();
