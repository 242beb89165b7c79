/** The exported playbook (.pbx) JSON shapes we write and check (templates research §1). */
export interface JobParameter {
  appCatalogItemParameter: { paramName: string };
  value?: string;
}

export interface AppCatalogItem {
  programName: string;
  displayName: string;
  programVersion: string;
  pipeRunLevel?: boolean;
}

export interface Job {
  id: number;
  name: string;
  appCatalogItem: AppCatalogItem;
  jobParameterList: JobParameter[];
  locationLeft: number;
  locationTop: number;
  /** JSON string of [{name, type}]. */
  outputVariables?: string;
  active?: boolean;
}

export interface Trigger {
  id: number;
  name: string;
  type: string;
  eventType: string;
  locationLeft: number;
  locationTop: number;
  anyOrg: boolean;
  playbookTriggerFilterList: unknown[];
  /** JSON string of [{name, type}]. */
  outputVariables: string;
  [extra: string]: unknown;
}

export type EdgeType = 'Pass' | 'Fail' | 'StartLoop' | 'EndLoop';

export interface Connection {
  type: EdgeType;
  isCircularOnTarget: boolean;
  sourceJobId?: number;
  sourceTriggerId?: number;
  targetJobId?: number;
  targetTriggerId?: number;
}

export interface Playbook {
  name: string;
  type: 'Playbook' | 'Component';
  description: string;
  version: string;
  comment: string;
  logLevel: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** ROI metadata every modern export carries: the analyst time one run saves, and its hourly cost. */
  roiDollarsPerHour: number;
  roiMinutes: number;
  priority: number;
  panX: number;
  panY: number;
  zoom: number;
  playbookLabels: Array<{ playbookLabelType: { label: string } }>;
  playbookScopeVariables: unknown[];
  exportablePipes: Array<Playbook & { definitionVersion: string }>;
  playbookTriggerList: Trigger[];
  jobList: Job[];
  playbookConnectionList: Connection[];
}

export interface OutputDecl {
  name: string;
  type: string;
}
