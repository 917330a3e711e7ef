import { Card, NumberInput, SimpleGrid, TagsInput, Title } from '@mantine/core';
import type { DraftParams } from './playground-draft';

const toNumber = (value: string | number): number | '' =>
  value === '' || value === null ? '' : typeof value === 'number' ? value : Number(value);

export function ParamsPanel({
  params,
  onChange,
}: {
  params: DraftParams;
  onChange: (params: DraftParams) => void;
}) {
  const set = <K extends keyof DraftParams>(key: K, value: DraftParams[K]) =>
    onChange({ ...params, [key]: value });
  return (
    <Card padding="md" data-testid="params-panel">
      <Title order={5} mb="xs">
        Parameters
      </Title>
      <SimpleGrid cols={3} spacing="xs">
        <NumberInput
          label="Temperature"
          placeholder="default"
          min={0}
          max={2}
          step={0.1}
          decimalScale={2}
          value={params.temperature}
          onChange={(v) => set('temperature', toNumber(v))}
          data-testid="param-temperature"
        />
        <NumberInput
          label="Max tokens"
          placeholder="default"
          min={1}
          max={1_000_000}
          allowDecimal={false}
          value={params.maxTokens}
          onChange={(v) => set('maxTokens', toNumber(v))}
          data-testid="param-max-tokens"
        />
        <NumberInput
          label="Top-p"
          placeholder="default"
          min={0}
          max={1}
          step={0.05}
          decimalScale={2}
          value={params.topP}
          onChange={(v) => set('topP', toNumber(v))}
          data-testid="param-top-p"
        />
      </SimpleGrid>
      <TagsInput
        mt="xs"
        label="Stop sequences"
        placeholder={params.stop.length ? '' : 'Type and press Enter'}
        maxTags={8}
        value={params.stop}
        onChange={(stop) => set('stop', stop)}
        data-testid="param-stop"
      />
    </Card>
  );
}
