import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { requiredEndpoints } from '../../src/main/requiredEndpoints';

describe('configuration', () => {
  it('runs on defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.temporal.address).toBeUndefined();
    expect(config.policy).toMatchObject({
      reminderAfterMs: 86_400_000,
      secondReminderAfterMs: 172_800_000,
      escalateAfterMs: 259_200_000,
      supplierShipDeadline: { kind: 'businessDays', days: 5 },
      holdingPeriodMs: 1_209_600_000,
      commissionRate: 0.1,
    });
  });

  it('takes the short durations that run the whole lifecycle in a minute', () => {
    const config = loadConfig({
      SLA_REMINDER_AFTER: '10s',
      SLA_SECOND_REMINDER_AFTER: '20s',
      SLA_ESCALATE_AFTER: '30s',
      HOLDING_PERIOD: '30s',
      SUPPLIER_SHIP_DEADLINE: '45s',
    });
    expect(config.policy).toMatchObject({
      reminderAfterMs: 10_000,
      holdingPeriodMs: 30_000,
      supplierShipDeadline: { kind: 'duration', ms: 45_000 },
    });
  });

  it('names every bad value with what was expected', () => {
    const error = (() => {
      try {
        loadConfig({
          PORT: 'eighty',
          SMTP_URL: 'http://mail',
          COMMISSION_RATE: '1.5',
          HOLDING_PERIOD: 'two weeks',
          DATABASE_URL: 'mysql://x',
        });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        'PORT: PORT must be a port number',
        'SMTP_URL: SMTP_URL must be a URL starting with smtp:// or smtps://',
        'COMMISSION_RATE: COMMISSION_RATE must be between 0 and 1',
        'HOLDING_PERIOD: HOLDING_PERIOD must be a duration like 30s, 10m, 24h or 14d',
        'DATABASE_URL: DATABASE_URL must be a URL starting with postgresql:// or postgres://',
      ]),
    );
  });

  it('refuses an SLA ladder out of order', () => {
    expect(() => loadConfig({ SLA_REMINDER_AFTER: '48h', SLA_SECOND_REMINDER_AFTER: '24h' })).toThrow(
      /SLA_REMINDER_AFTER < SLA_SECOND_REMINDER_AFTER/,
    );
  });

  it('takes the storefront webhook as a URL and a secret together, and names what is missing or wrong', () => {
    const secret = 'a'.repeat(32);
    expect(loadConfig({}).storefrontWebhook).toBeUndefined();
    expect(
      loadConfig({ STOREFRONT_WEBHOOK_URL: 'https://shop.example.com/hooks', STOREFRONT_WEBHOOK_SECRET: secret })
        .storefrontWebhook,
    ).toEqual({ url: 'https://shop.example.com/hooks', secret });
    expect(() => loadConfig({ STOREFRONT_WEBHOOK_URL: 'https://shop.example.com/hooks' })).toThrow(
      /STOREFRONT_WEBHOOK_URL and STOREFRONT_WEBHOOK_SECRET go together/,
    );
    expect(() => loadConfig({ STOREFRONT_WEBHOOK_URL: 'ftp://shop', STOREFRONT_WEBHOOK_SECRET: secret })).toThrow(
      /STOREFRONT_WEBHOOK_URL must be a URL starting with http:\/\/ or https:\/\//,
    );
    expect(() => loadConfig({ STOREFRONT_WEBHOOK_URL: 'https://shop', STOREFRONT_WEBHOOK_SECRET: 'short' })).toThrow(
      /STOREFRONT_WEBHOOK_SECRET must be at least 32 characters/,
    );
  });

  it('takes the platform token being rotated out, and refuses one that is short or the same as the new one', () => {
    const current = 'new-platform-token-0001';
    expect(loadConfig({ PLATFORM_TOKEN: current }).previousPlatformToken).toBeUndefined();
    const rotating = loadConfig({ PLATFORM_TOKEN: current, PLATFORM_TOKEN_PREVIOUS: 'old-platform-token-0001' });
    expect([rotating.platformToken, rotating.previousPlatformToken]).toEqual([current, 'old-platform-token-0001']);
    expect(() => loadConfig({ PLATFORM_TOKEN: current, PLATFORM_TOKEN_PREVIOUS: current })).toThrow(
      /PLATFORM_TOKEN_PREVIOUS is the same as PLATFORM_TOKEN/,
    );
    expect(() => loadConfig({ PLATFORM_TOKEN: current, PLATFORM_TOKEN_PREVIOUS: 'short' })).toThrow(
      /PLATFORM_TOKEN_PREVIOUS must be at least 16 characters/,
    );
  });

  it('takes the Temporal Web UI for ops’ links as an http(s) URL, without a trailing slash', () => {
    expect(loadConfig({}).temporal.uiUrl).toBeUndefined();
    expect(loadConfig({ TEMPORAL_UI_URL: 'https://temporal.example.com/' }).temporal.uiUrl).toBe(
      'https://temporal.example.com',
    );
    expect(() => loadConfig({ TEMPORAL_UI_URL: 'temporal.example.com' })).toThrow(/TEMPORAL_UI_URL must be a URL/);
  });

  describe('access to a Temporal that asks for credentials', () => {
    const address = { TEMPORAL_ADDRESS: 'orders.a1b2c.tmprl.cloud:7233' };
    const thisFile = __filename; // a file that exists, standing in for a certificate
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };

    it('opens a plain connection when nothing asks for more', () => {
      expect(loadConfig(address).temporal.access).toEqual({ tls: undefined, apiKey: undefined });
    });

    it('turns TLS on with an API key, as Temporal Cloud needs, unless TEMPORAL_TLS=false', () => {
      expect(loadConfig({ ...address, TEMPORAL_API_KEY: 'k' }).temporal.access).toEqual({ tls: {}, apiKey: 'k' });
      expect(
        loadConfig({ ...address, TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }).temporal.access.tls,
      ).toBeUndefined();
      expect(loadConfig({ ...address, TEMPORAL_TLS: 'true' }).temporal.access.tls).toEqual({});
    });

    it('reads the certificates at start', () => {
      const { tls } = loadConfig({
        ...address,
        TEMPORAL_TLS_CLIENT_CERT_PATH: thisFile,
        TEMPORAL_TLS_CLIENT_KEY_PATH: thisFile,
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: thisFile,
        TEMPORAL_TLS_SERVER_NAME: 'orders.internal',
      }).temporal.access;
      expect(tls?.clientCertPair?.crt.toString()).toContain('reads the certificates at start');
      expect(tls?.serverRootCACertificate).toBeInstanceOf(Buffer);
      expect(tls?.serverNameOverride).toBe('orders.internal');
    });

    it('names a certificate it cannot read, half a client certificate, and a contradiction', () => {
      expect(problemsOf({ ...address, TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/nowhere/ca.pem' })).toEqual([
        'TEMPORAL_TLS_SERVER_CA_CERT_PATH: cannot read /nowhere/ca.pem (ENOENT)',
      ]);
      expect(problemsOf({ ...address, TEMPORAL_TLS_CLIENT_CERT_PATH: thisFile })).toEqual([
        expect.stringMatching(/^TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH: set both/),
      ]);
      expect(problemsOf({ ...address, TEMPORAL_TLS: 'false', TEMPORAL_TLS_SERVER_CA_CERT_PATH: thisFile })).toEqual([
        expect.stringMatching(/^TEMPORAL_TLS: false, yet/),
      ]);
    });

    it('asks for TEMPORAL_ADDRESS with credentials, since the embedded dev server takes none', () => {
      expect(problemsOf({ TEMPORAL_API_KEY: 'k' })).toEqual([
        expect.stringMatching(/^TEMPORAL_ADDRESS: required with/),
      ]);
    });
  });

  describe('a standalone API or worker', () => {
    const endpoints = {
      DATABASE_URL: 'postgresql://db/orders',
      TEMPORAL_ADDRESS: 'temporal:7233',
      SMTP_URL: 'smtp://mail:25',
      TRACK17_API_KEY: 'key',
    };
    const problemsOf = (run: () => unknown) => {
      try {
        run();
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };

    it('names every endpoint it would otherwise embed', () => {
      expect(problemsOf(() => requiredEndpoints(loadConfig({}), 'worker'))).toEqual([
        'DATABASE_URL: required when the API or worker runs on its own',
        'TEMPORAL_ADDRESS: required when the API or worker runs on its own',
        'SMTP_URL: required when the API or worker runs on its own',
        'TRACK17_API_KEY: required when the API or worker runs on its own',
      ]);
    });

    it('refuses to run the API on the public development platform token', () => {
      expect(problemsOf(() => requiredEndpoints(loadConfig(endpoints), 'api'))).toEqual([
        expect.stringMatching(/^PLATFORM_TOKEN: required when the API runs on its own/),
      ]);
      const token = 'a-secret-of-our-own-0123456789';
      expect(requiredEndpoints(loadConfig({ ...endpoints, PLATFORM_TOKEN: token }), 'api').databaseUrl).toBe(
        endpoints.DATABASE_URL,
      );
      expect(problemsOf(() => requiredEndpoints(loadConfig(endpoints), 'worker'))).toEqual([]); // it takes no requests
    });
  });
});
