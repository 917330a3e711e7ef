import { Text, Tooltip, type TextProps } from '@mantine/core';
import { exactUsd, formatUsd } from '../features/providers/model-catalog';

/** A money amount for people, with the exact stored value on hover. */
export function Usd({ value, prefix = '', ...props }: { value: string; prefix?: string } & TextProps) {
  return (
    <Tooltip label={exactUsd(value)} withArrow openDelay={200}>
      <Text span inherit {...props} data-exact={exactUsd(value)}>
        {prefix}
        {formatUsd(value)}
      </Text>
    </Tooltip>
  );
}
