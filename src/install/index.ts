export { dataPath, planEntry, wrapName, type EntryEdit, type EntryPlan } from './entry-edits.js';
export { editText, tomlValue } from './edit-text.js';
export type { DataPath, FieldOp } from './field-op.js';
export {
  applyInstall,
  changes,
  planDiff,
  planInstall,
  type FilePlan,
  type InstallOptions,
  type InstallPlan,
  type ServerOutcome,
} from './install.js';
export {
  installStateDir,
  loadRecord,
  userConfigDir,
  type InstallRecord,
  type InstallStep,
} from './record.js';
export { applyUninstall, planUninstall, restoreDiff, type RestorePlan } from './uninstall.js';
export {
  innerArgv,
  isWrapped,
  wrapArgv,
  type Launcher,
  type WrapSettings,
  type WrapTarget,
} from './wrap-command.js';
