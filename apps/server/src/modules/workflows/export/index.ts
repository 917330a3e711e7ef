export {
  exportLangGraphProject,
  EXPORTED_WORKFLOW_FILE,
  type ExportLangGraphProjectInput,
} from './export-project.js';
export { readExportedWorkflow, type ExportedWorkflow } from './read-export.js';
