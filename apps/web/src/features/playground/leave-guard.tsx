import { useEffect, type RefObject } from 'react';
import { useBlocker } from 'react-router-dom';
import { ConfirmModal } from '../../components/confirm-modal';

/**
 * Warns before unsaved changes are left behind: the browser's own prompt on reload or close,
 * and a confirmation for links inside the app. `allow` lets a save navigate without asking.
 */
export function LeaveGuard({
  dirty,
  allow,
  message = 'This prompt has changes that are not saved as a version. They stay in this browser as a draft and come back when you open the prompt again.',
}: {
  dirty: boolean;
  allow: RefObject<boolean>;
  message?: string;
}) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      !allow.current &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return (
    <ConfirmModal
      opened={blocker.state === 'blocked'}
      title="Leave without saving?"
      confirmLabel="Leave"
      onConfirm={() => blocker.proceed?.()}
      onClose={() => blocker.reset?.()}
    >
      {message}
    </ConfirmModal>
  );
}
