// The hub's explorer (gateway/src/explorer.ts): GraphiQL from the hub's own origin, nothing from outside.
// Plain browser script (no build step): React, ReactDOM and GraphiQL are the globals of the files loaded before it.
(function () {
  'use strict';
  var signIn = [
    '# Sign in: run this (the ▶ button), then copy the token into the Headers of the second tab as',
    '#   {"authorization": "Bearer <token>"}',
    '# Demo logins: mbk.clerk, mbk.handler, mbk.records, mbk.admin, platform.admin (README, "Demo data and logins").',
    '# The password is blansko-demo unless the hub was seeded with HUB_DEMO_PASSWORD.',
    'mutation SignIn {',
    '  login(login: "mbk.clerk", password: "blansko-demo") {',
    '    token',
    '  }',
    '}',
    '',
  ].join('\n');
  var me = [
    '# Signed in: the token goes in the Authorization header (Headers, below). The explorer does not store it.',
    'query Me {',
    '  me {',
    '    login',
    '    name',
    '    municipality {',
    '      name',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      isHeadersEditorEnabled: true,
      // Tokens stay in the page's memory only, not in the browser's storage.
      shouldPersistHeaders: false,
      defaultTabs: [
        { query: signIn },
        { query: me, headers: '{\n  "authorization": "Bearer paste-the-token-here"\n}' },
      ],
    }),
  );
})();
