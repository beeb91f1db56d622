/**
 * The contract every storage of the authorization server keeps (oidc-provider's Adapter, memory
 * and Redis): records by model and id, by uid and user code, expiring with their lifetime, a code
 * or refresh token consumed once however many requests race, a grant revoked across all models.
 */
import { describe, expect, it } from 'vitest';
import { AlreadyConsumedError, isStoreUnavailable } from '../../src/store/oidc-adapter.js';
import type { AdapterFactory } from '../../src/store/oidc-adapter.js';

export interface ContractAdapters {
  adapters: AdapterFactory;
  /** Storage sharing the same state as another replica would (or the same factory in memory). */
  peer(): Promise<AdapterFactory>;
  /** Lets `ms` pass for the storage (a fake clock, or a real wait). */
  advance(ms: number): Promise<void>;
  /** Storage of the same kind that cannot answer; absent when the kind cannot fail (memory). */
  failing?(): Promise<AdapterFactory>;
  close?(): Promise<void>;
}

export function oidcAdapterContract(name: string, factory: () => Promise<ContractAdapters>): void {
  describe(`${name}: oidc-provider adapter contract`, () => {
    const withAdapters = (test: (s: ContractAdapters) => Promise<void>) => async () => {
      const s = await factory();
      try {
        await test(s);
      } finally {
        await s.close?.();
      }
    };

    it(
      'upsert then find gives the payload back; an unknown id is undefined; models are apart',
      withAdapters(async ({ adapters }) => {
        const codes = adapters('AuthorizationCode');
        const payload = { jti: 'c1', kind: 'AuthorizationCode', scope: 'openid', exp: 9 };
        await codes.upsert('c1', payload, 60);
        payload.scope = 'changed after upsert';
        expect(await codes.find('c1')).toEqual({
          jti: 'c1',
          kind: 'AuthorizationCode',
          scope: 'openid',
          exp: 9,
        });
        expect(await codes.find('nope')).toBeUndefined();
        expect(await adapters('AccessToken').find('c1')).toBeUndefined();
        await codes.upsert('c1', { jti: 'c1', kind: 'AuthorizationCode', scope: 'email' }, 60);
        expect((await codes.find('c1'))?.scope).toBe('email');
      }),
    );

    it(
      'a record written by one replica is read, consumed and destroyed by another',
      withAdapters(async ({ adapters, peer }) => {
        const other = await peer();
        await adapters('Client').upsert('client-1', { client_id: 'client-1' }, 0);
        expect(await other('Client').find('client-1')).toEqual({ client_id: 'client-1' });
        await other('RefreshToken').upsert('rt', { jti: 'rt', grantId: 'g' }, 60);
        await adapters('RefreshToken').consume('rt');
        expect((await other('RefreshToken').find('rt'))?.consumed).toEqual(expect.any(Number));
        await other('Client').destroy('client-1');
        expect(await adapters('Client').find('client-1')).toBeUndefined();
      }),
    );

    it(
      'findByUid and findByUserCode name the record with that uid or code',
      withAdapters(async ({ adapters }) => {
        const sessions = adapters('Session');
        await sessions.upsert('s1', { jti: 's1', uid: 'uid-1', accountId: 'a' }, 60);
        expect(await sessions.findByUid('uid-1')).toMatchObject({ jti: 's1', accountId: 'a' });
        expect(await sessions.findByUid('uid-2')).toBeUndefined();
        const devices = adapters('DeviceCode');
        await devices.upsert('d1', { jti: 'd1', userCode: 'ABCD-EFGH' }, 60);
        expect(await devices.findByUserCode('ABCD-EFGH')).toMatchObject({ jti: 'd1' });
        await sessions.destroy('s1');
        expect(await sessions.findByUid('uid-1')).toBeUndefined();
      }),
    );

    it(
      'consume marks the record used (epoch seconds); a second consume rejects',
      withAdapters(async ({ adapters }) => {
        const codes = adapters('AuthorizationCode');
        await codes.upsert('c2', { jti: 'c2' }, 60);
        expect((await codes.find('c2'))?.consumed).toBeUndefined();
        const before = Math.floor(Date.now() / 1000) - 1;
        await codes.consume('c2');
        const consumed = (await codes.find('c2'))?.consumed;
        expect(consumed).toBeGreaterThanOrEqual(before);
        await expect(codes.consume('c2')).rejects.toBeInstanceOf(AlreadyConsumedError);
        await expect(codes.consume('missing')).rejects.toThrow(/already used or has expired/);
      }),
    );

    it(
      'a code read before its grant was revoked cannot be consumed after it',
      withAdapters(async ({ adapters, peer }) => {
        const other = await peer();
        await adapters('AuthorizationCode').upsert('late', { jti: 'late', grantId: 'g-late' }, 60);
        // This request read the code unused; another replica then saw a second use and revoked.
        expect((await adapters('AuthorizationCode').find('late'))?.consumed).toBeUndefined();
        await other('AuthorizationCode').revokeByGrantId('g-late');
        await expect(adapters('AuthorizationCode').consume('late')).rejects.toBeInstanceOf(
          AlreadyConsumedError,
        );
      }),
    );

    it(
      '20 concurrent consumes of one code, from two replicas: exactly one succeeds',
      withAdapters(async ({ adapters, peer }) => {
        const other = await peer();
        await adapters('AuthorizationCode').upsert('race', { jti: 'race' }, 60);
        const results = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            (i % 2 === 0 ? adapters : other)('AuthorizationCode').consume('race'),
          ),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((r) => r.status === 'rejected')) {
          expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AlreadyConsumedError);
        }
      }),
    );

    it(
      'revokeByGrantId removes every record of that grant in every model, and nothing else',
      withAdapters(async ({ adapters }) => {
        await adapters('AuthorizationCode').upsert('gc', { jti: 'gc', grantId: 'g1' }, 60);
        await adapters('RefreshToken').upsert('gr', { jti: 'gr', grantId: 'g1' }, 600);
        await adapters('AccessToken').upsert('ga', { jti: 'ga', grantId: 'g1' }, 60);
        await adapters('RefreshToken').upsert('other', { jti: 'other', grantId: 'g2' }, 600);
        await adapters('RefreshToken').revokeByGrantId('g1');
        expect(await adapters('AuthorizationCode').find('gc')).toBeUndefined();
        expect(await adapters('RefreshToken').find('gr')).toBeUndefined();
        expect(await adapters('AccessToken').find('ga')).toBeUndefined();
        expect(await adapters('RefreshToken').find('other')).toMatchObject({ grantId: 'g2' });
        await expect(adapters('AccessToken').revokeByGrantId('g1')).resolves.toBeUndefined();
      }),
    );

    it(
      'a record is gone once its lifetime has passed, not before',
      withAdapters(async ({ adapters, advance }) => {
        const interactions = adapters('Interaction');
        await interactions.upsert('i1', { jti: 'i1', uid: 'u-i1' }, 1);
        await interactions.upsert('i2', { jti: 'i2' }, 60);
        expect(await interactions.find('i1')).toBeDefined();
        await advance(2_100);
        expect(await interactions.find('i1')).toBeUndefined();
        expect(await interactions.findByUid('u-i1')).toBeUndefined();
        expect(await interactions.find('i2')).toBeDefined();
      }),
    );

    it(
      'storage that cannot answer rejects with StoreUnavailableError; it never answers "not found"',
      withAdapters(async ({ failing }) => {
        if (!failing) return;
        const broken = (await failing())('Grant');
        for (const call of [
          () => broken.find('g'),
          () => broken.upsert('g', { jti: 'g' }, 60),
          () => broken.consume('g'),
          () => broken.findByUid('u'),
          () => broken.destroy('g'),
          () => broken.revokeByGrantId('g'),
        ]) {
          const error = await call().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(isStoreUnavailable(error)).toBe(true);
        }
      }),
    );
  });
}
