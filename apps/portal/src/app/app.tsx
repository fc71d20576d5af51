import { MantineProvider, NavLink, Notification, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError } from '../api/problem';
import { router } from './router';

// Shade 7 keeps white text on the primary colour above the WCAG AA contrast of 4.5:1 (shade 6 is below it).
// Notifications: a named close button, and a message darker than Mantine's gray 6 for the same contrast.
// NavLink: the active link is filled (white on shade 7, darker under the pointer); the light variant's hover shade
// fell below 4.5:1.
const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 7,
  defaultRadius: 'sm',
  components: {
    NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      styles: { description: { color: 'var(--mantine-color-gray-8)' } },
    }),
  },
});

// Mantine's dimmed text (gray 6) and error red (red 6) are below 4.5:1 on white; gray 7 and red 9 meet it.
const contrastVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused request (4xx) is not tried again; a network failure or 5xx once more.
      retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={contrastVariables}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
