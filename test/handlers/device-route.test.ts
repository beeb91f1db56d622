import { describe, expect, it } from 'vitest';
import {
  appleMdmBody,
  pickAppleMdmDevice,
  platformOf,
  routeFor,
} from '../../src/handlers/device-route.js';
import type { SystemFacts } from '../../src/handlers/device-route.js';
import { ToolError } from '../../src/upstream/errors.js';

const mac: SystemFacts = {
  _id: 'sys1',
  hostname: 'ana-mbp',
  os: 'Mac OS X',
  osFamily: 'darwin',
  version: '14.5',
  serialNumber: 'C02XK1ABCD',
  mdm: { vendor: 'internal', internal: { deviceId: 'mdmdev1' } },
};

describe('platformOf(system)', () => {
  it.each([
    [{ osFamily: 'windows', os: 'Windows' }, 'windows'],
    [{ osFamily: 'linux', os: 'Ubuntu' }, 'linux'],
    [{ osFamily: 'darwin', os: 'Mac OS X' }, 'macos'],
    [{ osFamily: 'ios', os: 'iPadOS' }, 'ios'],
    [{ os: 'Windows' }, 'windows'],
    [{ os: 'Mac OS X' }, 'macos'],
    [{ os: 'macOS' }, 'macos'],
    [{ os: 'Ubuntu' }, 'linux'],
    [{ os: 'Red Hat Enterprise Linux' }, 'linux'],
    [{ os: 'Amazon Linux' }, 'linux'],
    [{ os: 'iOS' }, 'ios'],
    [{ os: 'Android', osFamily: 'android' }, 'other'],
    [{}, 'other'],
  ] as [SystemFacts, string][])('%j -> %s', (system, want) => {
    expect(platformOf(system)).toBe(want);
  });
});

describe('routeFor({ system, action })', () => {
  it.each([
    [{ osFamily: 'windows' }, 'v1-builtin'],
    [{ osFamily: 'linux' }, 'v1-builtin'],
    [mac, 'apple-mdm'],
    [{ ...mac, mdm: undefined }, 'apple-mdm'],
    [{ osFamily: 'ios', mdm: { vendor: 'internal' } }, 'apple-mdm'],
    [{ ...mac, mdm: { vendor: 'none' } }, 'refuse'],
    [{ ...mac, mdm: { vendor: 'external' } }, 'refuse'],
    [{ osFamily: 'android' }, 'refuse'],
  ] as [SystemFacts, string][])('%j -> %s', (system, want) => {
    expect(routeFor({ system, action: 'lock' }).via).toBe(want);
  });

  it('refuses a built-in command the device does not support, saying which it does', () => {
    const system: SystemFacts = {
      osFamily: 'linux',
      hostname: 'db-1',
      builtInCommands: [{ name: 'lock' }, { name: 'restart' }],
    };
    const route = routeFor({ system, action: 'erase' });
    expect(route.via === 'refuse' && route.reason).toMatch(
      /db-1.*does not support the built-in erase command \(it supports: lock, restart\)/,
    );
    expect(routeFor({ system, action: 'lock' }).via).toBe('v1-builtin');
  });

  it('explains a macOS device outside MDM: why, and what to do', () => {
    const route = routeFor({ system: { ...mac, mdm: { vendor: 'none' } }, action: 'erase' });
    expect(route.via === 'refuse' && route.reason).toMatch(
      /ana-mbp.*not enrolled in MDM.*nothing was sent.*Enroll/s,
    );
  });
});

describe('pickAppleMdmDevice({ system, devices, action })', () => {
  const action = 'lock' as const;
  it('matches by the MDM device id the system carries', () => {
    const got = pickAppleMdmDevice({
      system: mac,
      devices: [
        { id: 'other', serialNumber: 'X' },
        { id: 'mdmdev1', serialNumber: 'Y' },
      ],
      action,
    });
    expect(got).toEqual({ device: { id: 'mdmdev1', serialNumber: 'Y' } });
  });
  it('falls back to the serial number, ignoring case', () => {
    const system = { ...mac, mdm: { vendor: 'internal' } };
    const got = pickAppleMdmDevice({
      system,
      devices: [{ id: 'd2', serialNumber: 'c02xk1abcd', enrolled: true }],
      action,
    });
    expect(got).toEqual({ device: { id: 'd2', serialNumber: 'c02xk1abcd', enrolled: true } });
  });
  it('refuses when nothing matches', () => {
    const got = pickAppleMdmDevice({
      system: mac,
      devices: [{ id: 'x', serialNumber: 'OTHER' }],
      action,
    });
    expect('reason' in got && got.reason).toMatch(
      /no Apple MDM device record matches it \(serial C02XK1ABCD\)/,
    );
  });
  it('refuses an ambiguous match instead of guessing', () => {
    const system = { ...mac, mdm: undefined };
    const got = pickAppleMdmDevice({
      system,
      devices: [
        { id: 'a', serialNumber: 'C02XK1ABCD' },
        { id: 'b', serialNumber: 'C02XK1ABCD' },
      ],
      action,
    });
    expect('reason' in got && got.reason).toMatch(
      /matches 2 Apple MDM device records \(ids a, b\)/,
    );
  });
  it('refuses a record that is no longer enrolled', () => {
    const got = pickAppleMdmDevice({
      system: mac,
      devices: [{ id: 'mdmdev1', enrolled: false }],
      action,
    });
    expect('reason' in got && got.reason).toMatch(/no longer enrolled/);
  });
  it('refuses a system with neither MDM id nor serial', () => {
    const got = pickAppleMdmDevice({
      system: { _id: 's', osFamily: 'darwin' },
      devices: [{ id: 'a' }],
      action,
    });
    expect('reason' in got && got.reason).toMatch(
      /neither its MDM device id nor its serial number/,
    );
  });
});

describe('appleMdmBody({ action, platform, pin, who })', () => {
  const who = 'ana-mbp';
  it.each([
    [{ action: 'lock', platform: 'macos', pin: '123456' }, { pin: '123456' }],
    [{ action: 'erase', platform: 'macos', pin: '000000' }, { pin: '000000' }],
    [{ action: 'restart', platform: 'macos' }, {}],
    [{ action: 'shutdown', platform: 'macos' }, undefined],
    [{ action: 'lock', platform: 'ios' }, {}],
    [{ action: 'erase', platform: 'ios' }, {}],
  ] as const)('%j', (given, want) => {
    expect(appleMdmBody({ ...given, who })).toEqual(want);
  });
  it.each([
    [
      { action: 'lock', platform: 'macos' },
      /macOS needs a 6-digit PIN to lock it.*Nothing was sent/,
    ],
    [{ action: 'erase', platform: 'macos' }, /6-digit PIN to erase/],
    [{ action: 'lock', platform: 'macos', pin: '12345' }, /exactly six digits/],
    [{ action: 'lock', platform: 'macos', pin: '12345a' }, /exactly six digits/],
    [
      { action: 'restart', platform: 'macos', pin: '123456' },
      /pin applies only to locking or erasing a Mac/,
    ],
    [
      { action: 'lock', platform: 'ios', pin: '123456' },
      /an iOS or iPadOS device and the lock action takes no PIN/,
    ],
  ] as const)('refuses %j', (given, want) => {
    expect(() => appleMdmBody({ ...given, who })).toThrow(ToolError);
    expect(() => appleMdmBody({ ...given, who })).toThrow(want);
  });
});
