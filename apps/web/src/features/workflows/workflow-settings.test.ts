import { describe, expect, it } from 'vitest';
import { parseHostList } from './workflow-settings';

describe('parseHostList', () => {
  it('reads one host per line, lower-cased, without blanks or repeats', () => {
    expect(parseHostList('API.example.com\n\n*.example.org\napi.example.com\nlocalhost:8080\n')).toEqual({
      hosts: ['api.example.com', '*.example.org', 'localhost:8080'],
    });
  });

  it('names the first line that is not a host', () => {
    expect(parseHostList('ok.example.com\nhttps://bad.example.com/path')).toEqual({
      error: expect.stringMatching(/^Line 2: /),
    });
  });
});
