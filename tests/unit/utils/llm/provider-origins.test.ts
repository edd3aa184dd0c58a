import { describe, expect, it } from 'vitest';
import { isOriginCovered, originPatternFor, PRESET_HOST_PERMISSIONS } from '../../../../utils/llm/provider-origins';

describe('isOriginCovered', () => {
  it.each([
    'https://api.openai.com',
    'https://api.openai.com/v1',
    'https://api.anthropic.com',
    'https://generativelanguage.googleapis.com/v1beta/openai/',
    'https://openrouter.ai/api/v1',
    'http://127.0.0.1:11434/v1',
    'http://127.0.0.1:1234',
    'http://localhost:8080/v1',
    'HTTPS://API.GROQ.COM/openai/v1',
  ])('should treat %s as covered by the preset permissions', (baseURL) => {
    const covered = isOriginCovered(baseURL);

    expect(covered).toBe(true);
  });

  it.each([
    'https://llm.example.com/v1',
    'http://api.openai.com/v1',
    'https://localhost:8443',
    'https://evil.api.openai.com.example.com',
    'https://openai.com',
    'http://192.168.1.20:11434/v1',
    'not a url',
    '',
  ])('should treat %s as not covered by the preset permissions', (baseURL) => {
    const covered = isOriginCovered(baseURL);

    expect(covered).toBe(false);
  });

  it('should match subdomains of a wildcard host pattern', () => {
    const patterns = ['https://*.example.com/*'];

    const results = ['https://example.com', 'https://llm.example.com/v1', 'https://example.org'].map((url) =>
      isOriginCovered(url, patterns),
    );

    expect(results).toEqual([true, true, false]);
  });

  it('should require the port when the pattern names one', () => {
    const patterns = ['http://localhost:8080/*'];

    const results = ['http://localhost:8080/v1', 'http://localhost:9090/v1'].map((url) => isOriginCovered(url, patterns));

    expect(results).toEqual([true, false]);
  });

  it('should cover http and https with a wildcard scheme', () => {
    const patterns = ['*://gateway.example.com/*'];

    const results = ['http://gateway.example.com', 'https://gateway.example.com', 'ftp://gateway.example.com'].map(
      (url) => isOriginCovered(url, patterns),
    );

    expect(results).toEqual([true, true, false]);
  });

  it('should cover every origin the pattern it would request grants', () => {
    const baseURL = 'https://llm.example.com:8443/v1';

    const covered = isOriginCovered(baseURL, [originPatternFor(baseURL)]);

    expect(covered).toBe(true);
  });

  it('should cover every preset pattern host itself', () => {
    const hosts = PRESET_HOST_PERMISSIONS.map((pattern) => pattern.replace(/\/\*$/, ''));

    const results = hosts.map((origin) => isOriginCovered(origin));

    expect(results.every(Boolean)).toBe(true);
  });
});

describe('originPatternFor', () => {
  it('should drop the port and path', () => {
    const pattern = originPatternFor('https://llm.example.com:8443/v1/chat');

    expect(pattern).toBe('https://llm.example.com/*');
  });
});
