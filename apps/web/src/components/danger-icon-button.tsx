import type { ReactNode } from 'react';
import { ActionIcon, Tooltip } from '@mantine/core';

interface DangerIconButtonProps {
  /** Shown as the tooltip. */
  label: string;
  /** Read by screen readers; names what the action applies to. */
  ariaLabel: string;
  testId: string;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
}

/** The red icon button used for remove / revoke actions in tables and cards. */
export function DangerIconButton({
  label,
  ariaLabel,
  testId,
  onClick,
  disabled,
  children,
}: DangerIconButtonProps) {
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon
        variant="subtle"
        color="red"
        disabled={disabled}
        onClick={onClick}
        aria-label={ariaLabel}
        data-testid={testId}
      >
        {children}
      </ActionIcon>
    </Tooltip>
  );
}
