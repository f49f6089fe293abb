import 'reflect-metadata';
import { existsSync } from 'fs';
import { availableParallelism } from 'os';
import { resolve } from 'path';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value; // left as a string: @IsBoolean names it
};

/**
 * Every environment variable the API reads, validated once at boot. `.env.example`
 * documents each; the README has the same table. An invalid value stops the boot with a
 * message naming the variable and the rule.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** A PostgreSQL server; when absent the embedded PGlite database is used. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /** Where the embedded database keeps its files (and other local state). */
  @IsString()
  DATA_DIR = './data';

  /** Loopback port of the embedded database's wire-protocol server; 0 picks a free one. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_DB_PORT = 0;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DB_POOL_MAX = 10;

  @IsIn(LOG_LEVELS as unknown as string[])
  LOG_LEVEL: LogLevel = 'log';

  /** auto: coloured lines on a terminal, JSON lines otherwise; json or pretty to choose. */
  @IsIn(['auto', 'json', 'pretty'])
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';

  /** GraphQL introspection; on by default outside production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  GRAPHQL_INTROSPECTION?: boolean;

  /** Largest accepted request body in MB; a 10,000-row import of typical vacancies is 10 to 30 MB. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1024)
  REQUEST_BODY_LIMIT_MB = 32;

  /** Deepest field nesting a GraphQL operation may have (the top-level field is depth 1). */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(100)
  QUERY_DEPTH_LIMIT = 10;

  /** Highest complexity a GraphQL operation may have (see common/limits/query-complexity.ts). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(100_000_000)
  QUERY_COMPLEXITY_LIMIT = 20_000;

  /** Requests a minute per API key (and per IP without a key), token bucket per process; 0 = no limit. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  RATE_LIMIT_PER_MINUTE = 60_000;

  /**
   * API processes on this host sharing PORT (Node's cluster, round robin), each with its own
   * matching index; more than one needs a PostgreSQL server (DATABASE_URL).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  API_WORKERS = 1;

  /**
   * An outcome model file (from `npm run model:fit`) to load at boot; unset = the model an admin
   * loaded last (`loadOutcomeModel`), or none. A file that cannot be read or checked stops the boot.
   */
  @IsOptional()
  @IsString()
  OUTCOME_MODEL_PATH?: string;

  /**
   * Heavy jobs (what-if runs, large cohort plans) this process runs at once, each in its own
   * worker thread with its own matching index; the rest wait in order. Default: one per core
   * less one (the request thread keeps a core), at least one.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  JOB_CONCURRENCY?: number;

  /**
   * Threads one job may use, its worker's own included: a cohort of 1,000 households or more is
   * scored in two parts at once (see PARTS_FROM_HOUSEHOLDS), and a what-if's two plans are solved
   * at once. The helper threads run at the worker's low priority, so under request load the API
   * still goes first. Default: 2 where there are 2 cores or more, else 1 (more adds nothing yet).
   * The results are the same whatever the number: the parts are fixed, only where they run changes.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  JOB_THREADS?: number;

  /** Whether this process runs jobs at all (false: it only queues them, for other processes to run). */
  @Transform(toBool)
  @IsBoolean()
  JOBS_ENABLED = true;

  /** An idle job worker keeps its matching index (and its partner thread's copy, JOB_THREADS 2) this long for the next job, then frees the memory. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  JOB_WORKER_IDLE_SECONDS = 600;

  /**
   * Once `npm start` is serving, the first job slot's worker is started and reads the open
   * vacancies into its matching index, as it would for a first job: the first what-if or plan
   * after a start then finds them read. It keeps them JOB_WORKER_IDLE_SECONDS, as after a job.
   * The same after a cancel, which stops the job's worker: the slot's new worker reads them at
   * once. false: the first job (and the first after a cancel) reads them itself.
   */
  @Transform(toBool)
  @IsBoolean()
  JOB_WORKER_WARM = true;

  /** Cohorts above this many households are planned by a job (planPlacement waits for it); smaller ones on the request. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  PLACEMENT_SYNC_MAX_HOUSEHOLDS = 100;

  /**
   * The prices of places (dynamic suggestions) are recomputed by a job when the current period's
   * newest prices are older than this many hours (and when there are none yet); 0 = never on a schedule.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(8_760)
  PLACE_PRICES_EVERY_HOURS = 24;

  /** ... and once this many link decisions of the period were taken since they were computed; 0 = never on decisions. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000)
  PLACE_PRICES_AFTER_DECISIONS = 25;

  /** The default forecast of a period's remaining arrivals resamples the same weeks of this many earlier half-years. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  PLACE_PRICES_HISTORY_PERIODS = 4;

  get jobConcurrency(): number {
    return this.JOB_CONCURRENCY ?? Math.max(1, availableParallelism() - 1);
  }

  get jobThreads(): number {
    return this.JOB_THREADS ?? Math.min(2, availableParallelism());
  }

  get introspection(): boolean {
    return this.GRAPHQL_INTROSPECTION ?? this.NODE_ENV !== 'production';
  }

  get embedded(): boolean {
    return !this.DATABASE_URL;
  }
}

/** The variables read from the environment (nothing else is). */
export const ENVIRONMENT_KEYS = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATA_DIR',
  'EMBEDDED_DB_PORT',
  'DB_POOL_MAX',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'GRAPHQL_INTROSPECTION',
  'REQUEST_BODY_LIMIT_MB',
  'QUERY_DEPTH_LIMIT',
  'QUERY_COMPLEXITY_LIMIT',
  'RATE_LIMIT_PER_MINUTE',
  'API_WORKERS',
  'OUTCOME_MODEL_PATH',
  'JOB_CONCURRENCY',
  'JOB_THREADS',
  'JOBS_ENABLED',
  'JOB_WORKER_IDLE_SECONDS',
  'JOB_WORKER_WARM',
  'PLACEMENT_SYNC_MAX_HOUSEHOLDS',
  'PLACE_PRICES_EVERY_HOURS',
  'PLACE_PRICES_AFTER_DECISIONS',
  'PLACE_PRICES_HISTORY_PERIODS',
] as const;

export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * Reads `.env` in the working directory into process.env when there is one (as `.env.example`
 * promises): a variable already set in the environment wins over the file. Node's own parser
 * (process.loadEnvFile, Node 20.12+), so no dependency.
 */
export function loadDotEnv(file = resolve(process.cwd(), '.env')): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}

/**
 * Validates `source` into an Environment, or throws EnvironmentError. By default the source is
 * process.env, with `.env` read into it first.
 */
export function loadEnvironment(source?: Record<string, string | undefined>): Environment {
  if (source === undefined) {
    loadDotEnv();
    source = process.env;
  }
  const picked: Record<string, string> = {};
  for (const key of ENVIRONMENT_KEYS) {
    const value = source[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const env = plainToInstance(Environment, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { forbidUnknownValues: false });
  const problems = errors.map((e) => `${e.property}=${JSON.stringify(source[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (errors.length === 0 && env.API_WORKERS > 1 && env.embedded) {
    problems.push(`API_WORKERS=${JSON.stringify(source.API_WORKERS)}: more than one API process needs DATABASE_URL (a PostgreSQL server); the embedded database belongs to one process`);
  }
  if (problems.length > 0) throw new EnvironmentError(problems);
  return env;
}
