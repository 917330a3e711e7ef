import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { AddMemberRequest, type Role } from '@promptops/contracts';
import { problemFieldErrors, validateWith, type FieldErrors } from '../../app/problem';
import { notifyFailure, notifySuccess } from '../../components/notify';
import { ROLE_OPTIONS } from '../../components/role-badge';
import { SecretReveal } from '../../components/secret-reveal';
import { invitationLink } from './invitation-link';
import { useAddMember } from './members-api';
import { FormActions } from '../../components/form-actions';

export function InviteMemberModal({
  orgId,
  opened,
  onClose,
}: {
  orgId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const addMember = useAddMember(orgId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);

  function close() {
    setEmail('');
    setRole('viewer');
    setErrors({});
    setLink(null);
    addMember.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validateWith(AddMemberRequest, { email: email.trim(), role });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    addMember.mutate(checked.data, {
      onSuccess: (result) => {
        notifySuccess(`Invitation created for ${result.invitation.email}`);
        setLink({
          email: result.invitation.email,
          url: invitationLink(window.location.origin, result.invitationToken),
        });
      },
      onError: (error) => {
        setErrors(problemFieldErrors(error));
        notifyFailure('Could not add the member', error);
      },
    });
  }

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={link ? 'Invitation link' : 'Invite member'}
      centered
      size="lg"
    >
      {link ? (
        <Stack>
          <Text size="sm">
            <b>{link.email}</b> joins once they accept. With a PromptOps account they find the invitation in
            their organization menu; otherwise send them this link to sign up and join:
          </Text>
          <SecretReveal value={link.url} testId="invite-link" label="invitation link" />
          <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />}>
            The link is shown only once. It works for that address until the invitation expires.
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close} data-testid="invite-done">
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Invite member">
          <Stack>
            <Text size="sm" c="dimmed">
              People with an account are added right away; others get an invitation link.
            </Text>
            <TextInput
              label="Email"
              type="email"
              placeholder="colleague@example.com"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email}
              data-autofocus
              data-testid="invite-email"
            />
            <NativeSelect
              label="Role"
              data={ROLE_OPTIONS}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
              error={errors.role}
              data-testid="invite-role"
            />
            <FormActions
              onCancel={close}
              submitLabel="Invite"
              submitTestId="invite-submit"
              loading={addMember.isPending}
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
