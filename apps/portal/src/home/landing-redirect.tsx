import { Navigate } from 'react-router';
import { landingPath } from '../auth/landing-path';
import { useSessionUser } from '../auth/use-session';

/** `/`: each role's own start screen. */
export default function LandingRedirect() {
  const user = useSessionUser();
  return <Navigate to={user ? landingPath(user) : '/login'} replace />;
}
