// The model's settings: nothing is configured unless LLM_BASE_URL is, and a half-done setup is
// refused at start with a sentence naming the variable to fix.
import { afterEach, describe, expect, it } from 'vitest';
import { LLM_TIMEOUT_DEFAULT_MS, loadConfig } from '../../src/config.js';
import { configureLog } from '../../src/core/log.js';
import { createPromptWriter, LLM_KEY_UNENCRYPTED } from '../../src/llm/index.js';

const load = (env: Record<string, string>) => loadConfig(env, { dotenvPath: false });
const problem = (env: Record<string, string>) => {
  try {
    load(env);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
};

describe('LLM_* configuration', () => {
  it('creates no prompt writer when LLM_BASE_URL is unset, whatever else is set', () => {
    expect(createPromptWriter(load({}))).toBeUndefined();
    expect(createPromptWriter(load({ LLM_MODEL: 'llama3.1:8b', LLM_API_KEY: 'sk-test' }))).toBeUndefined();
    expect(createPromptWriter(load({ LLM_BASE_URL: '  ' }))).toBeUndefined();
  });

  it('creates one when the URL and the model are set, with the default timeout', () => {
    const config = load({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'llama3.1:8b' });
    expect(config.LLM_TIMEOUT_MS).toBe(LLM_TIMEOUT_DEFAULT_MS);
    expect(createPromptWriter(config)).toBeDefined();
  });

  it('refuses a URL without a model, naming LLM_MODEL and how to fix it', () => {
    const message = problem({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1' });
    expect(message).toMatch(/LLM_MODEL: is required when LLM_BASE_URL is set; set it to a model/);
  });

  it('refuses a base URL that is not http(s) and a timeout out of range, naming each variable', () => {
    expect(problem({ LLM_BASE_URL: 'localhost:11434', LLM_MODEL: 'm' })).toMatch(/LLM_BASE_URL: must be an http\(s\) URL/);
    expect(problem({ LLM_BASE_URL: 'ftp://127.0.0.1/v1', LLM_MODEL: 'm' })).toMatch(/LLM_BASE_URL/);
    for (const bad of ['0', '100', '600000', 'soon', '-5', '1.5']) {
      expect(problem({ LLM_TIMEOUT_MS: bad }), bad).toMatch(/LLM_TIMEOUT_MS: must be a number of milliseconds from 500 to 60000/);
    }
    expect(load({ LLM_TIMEOUT_MS: '2500' }).LLM_TIMEOUT_MS).toBe(2500);
  });

  it('refuses credentials in the URL, pointing to LLM_API_KEY, without repeating them', () => {
    const message = problem({ LLM_BASE_URL: 'https://user:hunter2@api.example.org/v1', LLM_MODEL: 'm' });
    expect(message).toMatch(/LLM_BASE_URL: must not contain a user name or password; put the API key in LLM_API_KEY/);
    expect(message).not.toContain('hunter2');
  });

  it('refuses a key a header cannot carry, without repeating the key', () => {
    const message = problem({ LLM_BASE_URL: 'https://api.example.org/v1', LLM_MODEL: 'm', LLM_API_KEY: 'sk-abc def-secret' });
    expect(message).toMatch(/LLM_API_KEY: must be the API key alone/);
    expect(message).not.toContain('secret');
    expect(load({ LLM_API_KEY: '  sk-abc_DEF.123-xyz  ' }).LLM_API_KEY).toBe('sk-abc_DEF.123-xyz');
  });

  describe('an API key over plain http', () => {
    afterEach(() => configureLog({ level: 'info', sink: (line) => process.stderr.write(line + '\n') }));

    const warnings = (env: Record<string, string>) => {
      const lines: string[] = [];
      configureLog({ level: 'info', sink: (line) => lines.push(line) });
      createPromptWriter(load({ LLM_MODEL: 'm', ...env }));
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === LLM_KEY_UNENCRYPTED);
    };

    it('is warned about when it would cross the network unencrypted, naming the host and never the key', () => {
      const found = warnings({ LLM_BASE_URL: 'http://gpu-box.lan:8000/v1', LLM_API_KEY: 'sk-secret-key-123' });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ host: 'gpu-box.lan:8000' });
      expect(JSON.stringify(found)).not.toContain('sk-secret-key-123');
    });

    it('is not warned about for https, for this machine, or without a key', () => {
      expect(warnings({ LLM_BASE_URL: 'https://api.example.org/v1', LLM_API_KEY: 'k' })).toEqual([]);
      expect(warnings({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_API_KEY: 'k' })).toEqual([]);
      expect(warnings({ LLM_BASE_URL: 'http://localhost:8080', LLM_API_KEY: 'k' })).toEqual([]);
      expect(warnings({ LLM_BASE_URL: 'http://gpu-box.lan:8000/v1' })).toEqual([]);
    });
  });
});
