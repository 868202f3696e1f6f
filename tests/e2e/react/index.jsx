// Entry of the auth0-react page, set up like the Auth0 React sample (auth0-react-samples Sample-01,
// src/index.js): Auth0Provider with domain and clientId from auth_config.json, redirect_uri = the origin,
// and an onRedirectCallback that puts the app back on its route. The sample imports the JSON at build
// time; here it is fetched from the server (serve.mjs serves the tenant's auth_config.json next to the bundle).
import React from 'react';
import { createRoot } from 'react-dom/client';
import { Auth0Provider } from '@auth0/auth0-react';
import App from './App.jsx';

const onRedirectCallback = (appState) => {
  window.history.replaceState({}, document.title, appState && appState.returnTo ? appState.returnTo : window.location.pathname);
};

async function start() {
  const root = createRoot(document.getElementById('root'));
  try {
    const response = await fetch('/auth_config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`/auth_config.json: HTTP ${response.status}`);
    const config = await response.json();
    root.render(
      <Auth0Provider
        domain={config.domain}
        clientId={config.clientId}
        authorizationParams={{ redirect_uri: window.location.origin }}
        onRedirectCallback={onRedirectCallback}
      >
        <App />
      </Auth0Provider>,
    );
  } catch (e) {
    root.render(
      <div>
        <p>Status: <strong id="status">failed</strong></p>
        <div id="error" role="alert">startup: {e.message}</div>
      </div>,
    );
  }
}

start();
