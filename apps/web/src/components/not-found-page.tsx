import { Link } from 'react-router-dom';
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useCurrentOrg } from '../features/orgs/current-org';
import { orgPath } from '../app/navigation';

/** "Not found" with a way back; inside an organization it renders within the app shell. */
export function NotFoundContent({
  title = 'Page not found',
  message = 'This page does not exist.',
  backTo,
  backLabel,
}: {
  title?: string;
  message?: string;
  backTo: string;
  backLabel: string;
}) {
  return (
    <Center py={80} px="md">
      <Stack align="center" gap="sm" data-testid="not-found" maw={480} ta="center">
        <Title order={1} c="indigo">
          404
        </Title>
        <Title order={3}>{title}</Title>
        <Text c="dimmed">{message}</Text>
        <Button component={Link} to={backTo} variant="light" data-testid="not-found-back">
          {backLabel}
        </Button>
      </Stack>
    </Center>
  );
}

/** An unknown address outside any organization. */
export function NotFoundPage() {
  return (
    <Center h="100vh">
      <NotFoundContent backTo="/" backLabel="Go home" />
    </Center>
  );
}

/** An unknown page inside an organization: the shell stays, with a link to its overview. */
export function OrgNotFoundPage() {
  const { organization } = useCurrentOrg();
  return (
    <NotFoundContent
      message={`There is no such page in ${organization.name}.`}
      backTo={orgPath(organization.id, '')}
      backLabel="Go to the overview"
    />
  );
}
