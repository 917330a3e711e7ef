import type { ComponentType } from 'react';
import {
  IconArrowsSplit2,
  IconCode,
  IconFlag,
  IconGitMerge,
  IconHandStop,
  IconMessageChatbot,
  IconPlayerPlay,
  IconRepeat,
  IconArrowFork,
  type IconProps,
} from '@tabler/icons-react';
import type { WorkflowNodeType } from '@promptops/contracts';

export interface NodeMeta {
  label: string;
  icon: ComponentType<IconProps>;
  /** A Mantine colour name. */
  color: string;
  description: string;
}

/** How each node type looks in the palette and on the canvas. */
export const NODE_META: Record<WorkflowNodeType, NodeMeta> = {
  start: {
    label: 'Start',
    icon: IconPlayerPlay,
    color: 'teal',
    description: 'Where a run begins; declares its inputs',
  },
  prompt: {
    label: 'Prompt',
    icon: IconMessageChatbot,
    color: 'blue',
    description: 'Runs a stored prompt on a model',
  },
  condition: {
    label: 'Condition',
    icon: IconArrowsSplit2,
    color: 'violet',
    description: 'Takes the first branch whose expression holds',
  },
  loop: {
    label: 'Loop',
    icon: IconRepeat,
    color: 'grape',
    description: 'Repeats its body until a condition holds',
  },
  parallel: {
    label: 'Parallel',
    icon: IconArrowFork,
    color: 'cyan',
    description: 'Runs every outgoing branch at once',
  },
  join: { label: 'Join', icon: IconGitMerge, color: 'cyan', description: 'Waits for every incoming branch' },
  human: {
    label: 'Approval',
    icon: IconHandStop,
    color: 'orange',
    description: 'Pauses until a person approves or rejects',
  },
  tool: {
    label: 'Tool',
    icon: IconCode,
    color: 'indigo',
    description: 'Calls an HTTP endpoint or runs sandboxed code',
  },
  end: { label: 'End', icon: IconFlag, color: 'gray', description: 'Finishes the run with its output' },
};

export function nodeMeta(type: string | undefined): NodeMeta | null {
  return type && type in NODE_META ? NODE_META[type as WorkflowNodeType] : null;
}
