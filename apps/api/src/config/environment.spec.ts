import { EnvironmentError, loadEnvironment } from './environment';

describe('environment', () => {
  it('has working defaults: embedded database in ./data on port 3000', () => {
    const env = loadEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: './data', LOG_LEVEL: 'log', NODE_ENV: 'development' });
    expect(env.embedded).toBe(true);
    expect(env.introspection).toBe(true);
  });

  it('runs one API process unless API_WORKERS asks for more, which needs a server database', () => {
    expect(loadEnvironment({}).API_WORKERS).toBe(1);
    expect(loadEnvironment({ API_WORKERS: '3', DATABASE_URL: 'postgres://u@localhost:5432/db' }).API_WORKERS).toBe(3);
  });

  it('uses a server when DATABASE_URL is set, and turns introspection off in production', () => {
    const env = loadEnvironment({ DATABASE_URL: 'postgres://u@localhost:5432/db', NODE_ENV: 'production' });
    expect(env.embedded).toBe(false);
    expect(env.introspection).toBe(false);
    expect(loadEnvironment({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it.each([
    ['PORT', 'abc', /PORT="abc": .*PORT must be an integer/],
    ['PORT', '70000', /PORT="70000": .*must not be greater than 65535/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL="mysql:\/\/x": DATABASE_URL must be a postgres/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud": LOG_LEVEL must be one of/],
    ['LOG_FORMAT', 'xml', /LOG_FORMAT="xml": LOG_FORMAT must be one of/],
    ['NODE_ENV', 'staging', /NODE_ENV="staging"/],
    ['GRAPHQL_INTROSPECTION', 'maybe', /GRAPHQL_INTROSPECTION="maybe": .*boolean/],
    ['DB_POOL_MAX', '0', /DB_POOL_MAX="0": .*must not be less than 1/],
    ['API_WORKERS', '0', /API_WORKERS="0": .*must not be less than 1/],
    ['API_WORKERS', 'two', /API_WORKERS="two": .*integer/],
    ['API_WORKERS', '2', /API_WORKERS="2": more than one API process needs DATABASE_URL/],
  ])('refuses %s=%s naming the variable and the rule', (name, value, message) => {
    let error: unknown;
    try {
      loadEnvironment({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvironmentError);
    expect((error as Error).message).toMatch(message);
  });
});
