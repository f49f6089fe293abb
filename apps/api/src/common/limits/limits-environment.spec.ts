import { EnvironmentError, loadEnvironment } from '../../config/environment';

describe('limit variables', () => {
  it('default to a 32 MB body, depth 10, complexity 20,000 and 60,000 requests a minute', () => {
    expect(loadEnvironment({})).toMatchObject({ REQUEST_BODY_LIMIT_MB: 32, QUERY_DEPTH_LIMIT: 10, QUERY_COMPLEXITY_LIMIT: 20_000, RATE_LIMIT_PER_MINUTE: 60_000 });
    expect(loadEnvironment({ RATE_LIMIT_PER_MINUTE: '0', QUERY_DEPTH_LIMIT: '4' })).toMatchObject({ RATE_LIMIT_PER_MINUTE: 0, QUERY_DEPTH_LIMIT: 4 });
  });

  it.each([
    ['REQUEST_BODY_LIMIT_MB', '0', /REQUEST_BODY_LIMIT_MB="0": .*must not be less than 1/],
    ['REQUEST_BODY_LIMIT_MB', '16mb', /REQUEST_BODY_LIMIT_MB="16mb": .*integer/],
    ['QUERY_DEPTH_LIMIT', '1', /QUERY_DEPTH_LIMIT="1": .*must not be less than 2/],
    ['QUERY_COMPLEXITY_LIMIT', '50', /QUERY_COMPLEXITY_LIMIT="50": .*must not be less than 100/],
    ['RATE_LIMIT_PER_MINUTE', '-1', /RATE_LIMIT_PER_MINUTE="-1": .*must not be less than 0/],
  ])('refuses %s=%s naming the variable', (name, value, message) => {
    expect(() => loadEnvironment({ [name]: value })).toThrow(EnvironmentError);
    expect(() => loadEnvironment({ [name]: value })).toThrow(message);
  });
});
