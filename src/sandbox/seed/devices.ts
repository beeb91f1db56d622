/** Seeded devices across macOS, Windows and Linux, and the Apple MDM enrolment of the Macs. */
import type { AppleMdm, AppleMdmDevice, OsFamily, System, SystemUser } from '../types.js';
import { HW_VENDORS, MAC_MODELS, OS_RELEASES, type OsRelease } from './catalog.js';
import { daysAgo, type SeedContext } from './seed-context.js';

const BUILT_IN = {
  darwin: [] as string[],
  windows: ['erase', 'lock', 'restart', 'shutdown'],
  linux: ['lock', 'restart', 'shutdown'],
} satisfies Record<OsFamily, string[]>;

const ARCH = { darwin: 'arm64', windows: 'x86_64', linux: 'x86_64' } as const;

export interface SeededDevices {
  systems: System[];
  appleMdm: AppleMdm;
  macDevices: AppleMdmDevice[];
}

function hostnameFor(
  ctx: SeedContext,
  family: OsFamily,
  owner: SystemUser | undefined,
  n: number,
): string {
  const base = owner ? owner.username.replace(/\./g, '-') : ctx.f.word.noun().toLowerCase();
  if (family === 'darwin') return `${base}-mbp`;
  if (family === 'windows') return `WIN-${base.slice(0, 8).toUpperCase()}${n}`;
  return `${base}-srv${n}`;
}

function appleMdm(ctx: SeedContext, orgName: string): AppleMdm {
  return {
    id: ctx.r.objectId(),
    name: `${orgName} Apple MDM`,
    organization: ctx.orgId,
    apnsPushTopic: `com.apple.mgmt.External.${ctx.r.uuid()}`,
    apnsCertExpiry: new Date(ctx.now + 200 * 86_400_000).toISOString(),
    depServerTokenState: 'valid',
    depAccessTokenExpiry: new Date(ctx.now + 150 * 86_400_000).toISOString(),
    defaultSystemGroupID: null,
    defaultIosUserEnrollmentDeviceGroupID: null,
    allowMobileUserEnrollment: false,
    appleCertCreatorAppleID: `it@${orgName.toLowerCase().replace(/[^a-z]/g, '')}.example`,
    appleCertSerialNumber: ctx.r.hex(16).toUpperCase(),
    serviceDiscoveryEnabled: false,
  };
}

function macDevice({
  ctx,
  release,
  serial,
  name,
}: {
  ctx: SeedContext;
  release: OsRelease;
  serial: string;
  name: string;
}): AppleMdmDevice {
  const { r } = ctx;
  const model = r.pick(MAC_MODELS);
  const dep = r.bool({ probability: 0.7 });
  return {
    id: r.objectId(),
    serialNumber: serial,
    udid: r.uuid().toUpperCase(),
    osVersion: release.version,
    depRegistered: dep,
    enrolled: true,
    createdAt: daysAgo(ctx, 30, 700),
    hasActivationLockBypassCodes: dep,
    modelFamily: model.family,
    mdmOsFamily: 'macOS',
    securityInfo: {
      enrolledViaDep: dep,
      isActivationLockManageable: dep,
      isUserEnrollment: false,
      userApprovedEnrollment: true,
      passcodePresent: true,
      passcodeCompliant: true,
      filevaultEnabled: r.bool({ probability: 0.85 }),
      recoveryLockEnabled: false,
    },
    deviceInformation: {
      isSupervised: dep,
      activationLockAllowedWhileSupervised: false,
      availableDeviceCapacity: r.int({ min: 40, max: 400 }),
      deviceCapacity: 494.38,
      deviceName: name,
      wifiMac: r.mac(),
      modelName: model.modelName,
      osMarketingName: `macOS ${release.releaseName}`,
      osBuildVersion: `${release.major}${String.fromCharCode(65 + release.minor)}${r.int({ min: 10, max: 999 })}`,
      modelMarketingName: model.marketing,
      modelNumber: model.modelNumber,
      isAppleSilicon: model.silicon,
    },
  };
}

export function seedDevices({
  ctx,
  count,
  users,
  orgName,
}: {
  ctx: SeedContext;
  count: number;
  users: SystemUser[];
  orgName: string;
}): SeededDevices {
  const { r } = ctx;
  const mdm = appleMdm(ctx, orgName);
  const macDevices: AppleMdmDevice[] = [];
  const owners = users.filter((user) => user.state === 'ACTIVATED');
  const systems: System[] = [];
  const weighted = OS_RELEASES.map((value) => ({ weight: value.weight, value }));
  for (let i = 0; i < count; i += 1) {
    // The first three devices cover each family so even a tiny organization has all three.
    const release =
      i < 3
        ? OS_RELEASES.find((r) => r.family === (['darwin', 'windows', 'linux'] as const)[i])!
        : r.weighted(weighted);
    const family = release.family;
    const owner =
      family === 'linux' && r.bool({ probability: 0.6 })
        ? undefined
        : owners[i % Math.max(owners.length, 1)];
    const hostname = hostnameFor(ctx, family, owner, i);
    const serial = r.alnum({
      length: family === 'darwin' ? 10 : 12,
      casing: 'upper',
    });
    const online = r.bool({ probability: 0.7 });
    const displayName =
      family === 'darwin' ? `${owner?.firstname ?? 'Shared'}'s MacBook` : hostname;
    let mdmInfo: Record<string, unknown> | undefined;
    if (family === 'darwin') {
      const device = macDevice({ ctx, release, serial, name: displayName });
      macDevices.push(device);
      mdmInfo = {
        vendor: 'internal',
        internal: { deviceId: device.id },
        profileIdentifier: 'com.jumpcloud.mdm',
        dep: device.depRegistered,
        userApproved: true,
        enrollmentType: device.depRegistered ? 'automated device' : 'device',
        providerId: mdm.id,
      };
    }
    systems.push({
      _id: r.objectId(),
      active: online,
      agentHasFullDiskAccess: family === 'darwin',
      agentVersion: r.pick(['2.5.1', '2.6.0', '2.7.2']),
      allowMultiFactorAuthentication: r.bool({ probability: 0.5 }),
      allowPublicKeyAuthentication: family === 'linux',
      allowSshPasswordAuthentication: family === 'linux',
      allowSshRootLogin: false,
      amazonInstanceID: release.os === 'Amazon Linux' ? `i-${r.hex(17)}` : '',
      arch: ARCH[family],
      archFamily: family === 'darwin' ? 'arm' : 'x86',
      attributes: [],
      connectionHistory: [],
      created: daysAgo(ctx, 20, 700),
      description: '',
      desktopCapable: family !== 'linux',
      displayName,
      fde: {
        active: family !== 'linux' && r.bool({ probability: 0.85 }),
        keyPresent: family !== 'linux',
      },
      fileSystem: family === 'darwin' ? 'apfs' : family === 'windows' ? 'NTFS' : 'ext4',
      hasServiceAccount: family === 'darwin',
      hostname,
      hwVendor: r.pick(HW_VENDORS[family]),
      isPolicyBound: true,
      lastContact: online ? daysAgo(ctx, 0, 0.05) : daysAgo(ctx, 1, 40),
      modifySSHDConfig: family === 'linux',
      networkInterfaces: [
        {
          address: r.ipv4({ network: 'private-c' }),
          family: 'IPv4',
          internal: false,
          name: family === 'windows' ? 'Ethernet' : 'en0',
        },
      ],
      organization: ctx.orgId,
      os: release.os,
      osFamily: family,
      osVersionDetail: {
        osName: release.osName,
        releaseName: release.releaseName,
        major: String(release.major),
        minor: String(release.minor),
        patch: String(release.patch),
        majorNumber: release.major,
        minorNumber: release.minor,
        patchNumber: release.patch,
        revision: '',
        distributionName: release.distributionName,
        version: release.version,
      },
      policyStats: { duplicate: 0, failed: 0, pending: 0, success: 3, total: 3, unsupportedOs: 0 },
      provisionMetadata: {
        provisioner: { type: family === 'darwin' ? 'mdm' : 'administrator', provisionerId: '' },
      },
      primarySystemUser: { id: owner?._id ?? null },
      remoteIP: r.ipv4(),
      serialNumber: serial,
      sshRootEnabled: false,
      sshdParams: [],
      systemInsights: { state: 'enabled' },
      systemTimezone: -420,
      tags: [],
      templateName:
        family === 'darwin'
          ? 'macosx-darwin-x86_64'
          : family === 'windows'
            ? 'windows-windows-x86_64'
            : 'linux-ubuntu-x86_64',
      version: release.version,
      ...(mdmInfo ? { mdm: mdmInfo } : {}),
      builtInCommands: BUILT_IN[family].map((name) => ({ type: 'security', name })),
      domainInfo: { partOfDomain: false, domainName: '' },
      userMetrics: owner
        ? [
            {
              userName: owner.username,
              admin: Boolean(owner.sudo),
              managed: true,
              suspended: owner.suspended,
              secureTokenEnabled: family === 'darwin',
            },
          ]
        : [],
      azureAdJoined: false,
      secureLogin: { supported: family === 'windows', enabled: false },
    });
  }
  return { systems, appleMdm: mdm, macDevices };
}
