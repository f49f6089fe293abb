// Operation types from the API's committed schema: every screen's query lives in a .graphql
// document beside it, and a schema change that breaks one fails here or in `tsc` (npm run typecheck).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'apps/api/schema.gql',
  documents: ['apps/web/src/**/*.graphql'],
  generates: {
    'apps/web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, scalars: { DateTime: 'string' }, useTypeImports: true, avoidOptionals: { field: true } },
    },
  },
  errorsOnly: true,
};

export default config;
