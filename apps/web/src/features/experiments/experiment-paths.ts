import { orgPath } from '../../app/navigation';

export const experimentPath = (orgId: string, id: string) => orgPath(orgId, `experiments/${id}`);

/** The new-experiment form, pre-filled with a prompt when one is named. */
export const newExperimentPath = (orgId: string, promptName?: string) =>
  `${orgPath(orgId, 'experiments/new')}${promptName ? `?prompt=${encodeURIComponent(promptName)}` : ''}`;
