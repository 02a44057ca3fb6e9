import type { FlowView, InstallerCatalog } from '../../../../main/common/installer.js';
import type { Wizard } from '../useWizard.js';

export interface StepProps {
  readonly w: Wizard;
  readonly flow: FlowView;
  readonly catalog: InstallerCatalog;
}
