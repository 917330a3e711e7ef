import { Link } from 'react-router-dom';
import { Button, Center, Stack, Text, Title } from '@mantine/core';

export function NotFoundPage() {
  return (
    <Center h="100vh" p="md">
      <Stack align="center" gap="sm" data-testid="not-found">
        <Title order={1} c="indigo">
          404
        </Title>
        <Text c="dimmed">This page does not exist.</Text>
        <Button component={Link} to="/" variant="light">
          Go home
        </Button>
      </Stack>
    </Center>
  );
}
