import type { ReactNode } from 'react';
import { Button, Group } from '@mantine/core';

interface FormActionsProps {
  onCancel: () => void;
  submitLabel: ReactNode;
  submitTestId: string;
  loading?: boolean;
  disabled?: boolean;
  submitIcon?: ReactNode;
}

/** The Cancel / submit row at the bottom of every modal form. */
export function FormActions({
  onCancel,
  submitLabel,
  submitTestId,
  loading,
  disabled,
  submitIcon,
}: FormActionsProps) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button
        type="submit"
        loading={loading}
        disabled={disabled}
        leftSection={submitIcon}
        data-testid={submitTestId}
      >
        {submitLabel}
      </Button>
    </Group>
  );
}
