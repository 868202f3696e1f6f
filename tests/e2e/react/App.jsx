import React from 'react';
import { useAuth0 } from '@auth0/auth0-react';

// The parts of the sample's NavBar and Profile the e2e driver reads: the Log in / Log out buttons and the
// user's email. #status is "loading" until auth0-react has finished its first checkSession / callback.
export default function App() {
  const { isLoading, isAuthenticated, error, user, loginWithRedirect, logout } = useAuth0();
  const status = isLoading ? 'loading' : isAuthenticated ? 'logged in' : 'logged out';
  return (
    <div>
      <h1>auth0-react</h1>
      <p>Status: <strong id="status">{status}</strong></p>
      {error && <div id="error" role="alert">{error.message}</div>}
      <p>
        {!isAuthenticated && (
          <button id="login" type="button" disabled={isLoading} onClick={() => loginWithRedirect()}>
            Log in
          </button>
        )}
        {isAuthenticated && (
          <button id="logout" type="button" onClick={() => logout({ logoutParams: { returnTo: window.location.origin } })}>
            Log out
          </button>
        )}
      </p>
      {isAuthenticated && user && (
        <div>
          <h2>Profile</h2>
          {user.picture && <img src={user.picture} alt="Profile" width="64" height="64" />}
          <p id="user-name">{user.name}</p>
          <p id="user-email">{user.email}</p>
          <pre id="user">{JSON.stringify(user, null, 2)}</pre>
        </div>
      )}
    </div>
  );
}
