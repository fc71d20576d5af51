import { List, Text, VisuallyHidden } from '@mantine/core';
import { checkPassword, passwordRules, type PasswordSubject } from '@broker/password-policy';

/** The platform's default policy; a platform configured otherwise still refuses with its own rules on submit. */
const RULES = passwordRules('seed');

/**
 * The password rules, each ticked off live as the password is typed, from the same module the server checks with.
 * The common-password list is too big for the page: the server checks it when the form is sent.
 */
export function PasswordFeedback({ id, password, subject }: { id: string; password: string; subject: PasswordSubject }) {
  const broken = new Set(checkPassword(password, subject).map((violation) => violation.rule));
  const shown = RULES.filter((rule) => rule.rule !== 'common' && (rule.rule !== 'max_length' || broken.has('max_length')));
  return (
    <div id={id}>
      <List size="sm" spacing={2} listStyleType="none" aria-label="Password rules">
        {shown.map((rule) => {
          const met = password.length > 0 && !broken.has(rule.rule);
          return (
            <List.Item key={rule.rule} c={met ? 'teal.9' : 'red.9'} data-rule={rule.rule} data-met={met}>
              <span aria-hidden>{met ? '✓ ' : '✗ '}</span>
              <VisuallyHidden>{met ? 'Met: ' : 'Not met: '}</VisuallyHidden>
              {rule.message}
            </List.Item>
          );
        })}
      </List>
      <Text size="xs" c="dimmed" mt={4}>
        Common passwords are refused too: the server checks its list when you send the form.
      </Text>
    </div>
  );
}
