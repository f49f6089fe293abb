import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { getDataSourceToken } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { scopeRecordFields } from './common/auth/record-scope';
import { DomainErrorFilter } from './common/errors/domain-error.filter';
import { LimitsModule } from './common/limits/limits.module';
import { RequestLoaders } from './common/dataloader/request-loaders';
import { graphQLErrorFormatter } from './common/graphql/format-error';
import { GqlContext } from './common/graphql/context';
import { ConfigModule } from './config/config.module';
import { Environment } from './config/environment';
import { DatabaseModule } from './database/database.module';
import { DatabaseTarget } from './database/database-target';
import { AuthenticatedRequest } from './modules/auth/api-key.guard';
import { AuditModule } from './modules/audit/audit.service';
import { AuthModule } from './modules/auth/auth.module';
import { CandidatesModule } from './modules/candidates/candidates.module';
import { EmployersModule } from './modules/employers/employers.module';
import { HouseholdsModule } from './modules/households/households.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { RecordEventsModule } from './modules/records/record-events';
import { VacanciesModule } from './modules/vacancies/vacancies.module';
import { HousingModule } from './modules/housing/housing.module';
import { LabourDemandModule } from './modules/labour-demand/labour-demand.module';
import { SuggestionsModule } from './modules/suggestions/suggestions.module';
import { LinkingModule } from './modules/linking/linking.module';
import { ScenariosModule } from './modules/scenarios/scenarios.module';
import { ReferenceModule } from './modules/reference/reference.module';
import { OpsModule } from './modules/ops';
import { OutcomeModule } from './modules/outcome/outcome.module';
import { PlacePricesModule } from './modules/place-prices/place-prices.module';
import { SimulationsModule } from './modules/simulations/simulations.module';

/** Every feature module, in one list so the schema generator sees the same set as the app. */
export const FEATURE_MODULES = [
  AuthModule,
  AuditModule,
  RecordEventsModule,
  JobsModule,
  ReferenceModule,
  HousingModule,
  CandidatesModule,
  HouseholdsModule,
  EmployersModule,
  VacanciesModule,
  LabourDemandModule,
  OutcomeModule,
  PlacePricesModule,
  SuggestionsModule,
  LinkingModule,
  ScenariosModule,
  SimulationsModule,
];

/** GraphQL options shared by the server and the schema generator. */
export const GRAPHQL_SCHEMA_OPTIONS = { sortSchema: true, path: '/graphql' } as const;

@Module({})
export class AppModule {
  /** `logger`: the process's pino logger (its request lines are written by createApp's middleware). */
  static forRoot(env: Environment, target: DatabaseTarget, logger: PinoLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env, target),
        // Binds each request's logger (with its reqId) to the code that runs for it.
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true }),
        DatabaseModule.forRoot(target, env.LOG_LEVEL === 'verbose'),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [Environment, getDataSourceToken()],
          useFactory: (e: Environment, dataSource: DataSource): ApolloDriverConfig => ({
            ...GRAPHQL_SCHEMA_OPTIONS,
            autoSchemaFile: true,
            introspection: e.introspection,
            playground: false,
            includeStacktraceInErrorResponses: false,
            // No HTTP caching of GraphQL answers here (they are personal and audited); the
            // cache-control plugin would otherwise wrap every field resolver (~10% CPU).
            plugins: [ApolloServerPluginCacheControlDisabled()],
            // With introspection off (production) no error names what the schema holds: no
            // "Did you mean …?" hints. Apollo's switch covers validation errors; the formatter
            // also strips the variable errors of execution.
            hideSchemaDetailsFromClientErrors: !e.introspection,
            formatError: graphQLErrorFormatter({ hideSuggestions: !e.introspection }),
            // R20: every field that returns a record shows it only to a caller who may read it.
            transformSchema: scopeRecordFields,
            context: ({ req }: { req: AuthenticatedRequest }): GqlContext => ({ req, loaders: new RequestLoaders(dataSource) }),
          }),
        }),
        LimitsModule,
        ...FEATURE_MODULES,
        OpsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: DomainErrorFilter }],
    };
  }
}
