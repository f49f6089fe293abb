// The offline GraphQL IDE (served at /graphiql when introspection is on): GraphiQL bundled with
// the app, nothing from a CDN. The API key is asked for once and kept in this tab's memory only.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const fetcher = createGraphiQLFetcher({ url: '/graphql' });

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultHeaders={'{\n  "Authorization": "Bearer <your API key>"\n}'}
      shouldPersistHeaders={false}
      defaultQuery={'# Kansrijk GraphQL API. Put your key in the Headers tab below.\n{\n  about { name version policyVersion }\n  whoami { role label tenant }\n}\n'}
    />
  </StrictMode>,
);
