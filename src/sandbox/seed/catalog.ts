/** Static catalogues the seed draws from: operating systems, applications, templates. */
import type { OsFamily } from '../types.js';

export interface OsRelease {
  family: OsFamily;
  os: string;
  version: string;
  osName: string;
  releaseName: string;
  major: number;
  minor: number;
  patch: number;
  distributionName: string;
  weight: number;
}

const rel = (
  family: OsFamily,
  os: string,
  version: string,
  releaseName: string,
  weight: number,
  distributionName = '',
): OsRelease => {
  const [major = 0, minor = 0, patch = 0] = version
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
  return {
    family,
    os,
    version,
    osName: os,
    releaseName,
    major,
    minor,
    patch,
    distributionName,
    weight,
  };
};

export const OS_RELEASES: readonly OsRelease[] = [
  rel('darwin', 'Mac OS X', '15.1.1', 'Sequoia', 14),
  rel('darwin', 'Mac OS X', '14.7.1', 'Sonoma', 12),
  rel('darwin', 'Mac OS X', '13.7.1', 'Ventura', 6),
  rel('darwin', 'Mac OS X', '12.7.6', 'Monterey', 3),
  rel('windows', 'Windows', '11 Pro 24H2', 'Windows 11 Pro', 14),
  rel('windows', 'Windows', '11 Enterprise 23H2', 'Windows 11 Enterprise', 8),
  rel('windows', 'Windows', '10 Pro 22H2', 'Windows 10 Pro', 9),
  rel('windows', 'Windows', 'Server 2022 Datacenter', 'Windows Server 2022', 3),
  rel('linux', 'Ubuntu', '24.04', 'Noble Numbat', 8, 'Ubuntu'),
  rel('linux', 'Ubuntu', '22.04', 'Jammy Jellyfish', 8, 'Ubuntu'),
  rel('linux', 'Rocky', '9.4', 'Blue Onyx', 3, 'Rocky Linux'),
  rel('linux', 'Debian', '12', 'Bookworm', 3, 'Debian GNU/Linux'),
  rel('linux', 'Amazon Linux', '2023', 'Amazon Linux 2023', 2, 'Amazon Linux'),
];

export const MAC_MODELS = [
  {
    modelName: 'MacBook Pro',
    modelNumber: 'MX2E3LL/A',
    family: 'Mac',
    marketing: 'MacBook Pro (14-inch, 2024)',
    silicon: true,
  },
  {
    modelName: 'MacBook Air',
    modelNumber: 'MC7X4LL/A',
    family: 'Mac',
    marketing: 'MacBook Air (13-inch, M3, 2024)',
    silicon: true,
  },
  {
    modelName: 'Mac mini',
    modelNumber: 'MU9D3LL/A',
    family: 'Mac',
    marketing: 'Mac mini (2024)',
    silicon: true,
  },
  {
    modelName: 'MacBook Pro',
    modelNumber: 'MV912LL/A',
    family: 'Mac',
    marketing: 'MacBook Pro (16-inch, 2019)',
    silicon: false,
  },
] as const;

export const HW_VENDORS: Record<OsFamily, readonly string[]> = {
  darwin: ['Apple Inc.'],
  windows: ['Dell Inc.', 'LENOVO', 'HP', 'Microsoft Corporation'],
  linux: ['Dell Inc.', 'LENOVO', 'Amazon EC2', 'QEMU'],
};

export const DEPARTMENTS = [
  'Engineering',
  'Sales',
  'Marketing',
  'Finance',
  'IT',
  'Human Resources',
  'Support',
  'Legal',
  'Operations',
  'R&D',
] as const;

export const LOCATIONS = [
  'Denver',
  'Boulder',
  'London',
  'Berlin',
  'Remote',
  'New York',
  'Austin',
] as const;

export const SSO_APPS = [
  { name: 'slack', displayName: 'Slack', type: 'saml' },
  { name: 'google-workspace', displayName: 'Google Workspace', type: 'saml' },
  { name: 'aws', displayName: 'Amazon Web Services', type: 'saml' },
  { name: 'salesforce', displayName: 'Salesforce', type: 'saml' },
  { name: 'zoom', displayName: 'Zoom', type: 'saml' },
  { name: 'github', displayName: 'GitHub Enterprise', type: 'saml' },
  { name: 'atlassian', displayName: 'Atlassian Cloud', type: 'saml' },
  { name: 'zendesk', displayName: 'Zendesk', type: 'saml' },
  { name: 'okta-workflows', displayName: 'Workday', type: 'oidc' },
  { name: 'notion', displayName: 'Notion', type: 'oidc' },
  { name: 'box', displayName: 'Box', type: 'saml' },
  { name: 'docusign', displayName: 'DocuSign', type: 'saml' },
] as const;

export const COMMAND_TEMPLATES = [
  { name: 'Collect disk usage', commandType: 'linux', command: 'df -h', shell: 'bash' },
  {
    name: 'Restart JumpCloud agent (Linux)',
    commandType: 'linux',
    command: 'systemctl restart jcagent',
    shell: 'bash',
  },
  {
    name: 'List local admins',
    commandType: 'windows',
    command: 'Get-LocalGroupMember -Group Administrators',
    shell: 'powershell',
  },
  {
    name: 'Install Windows updates',
    commandType: 'windows',
    command: 'Install-WindowsUpdate -AcceptAll',
    shell: 'powershell',
  },
  {
    name: 'Flush DNS cache (macOS)',
    commandType: 'mac',
    command: 'dscacheutil -flushcache; killall -HUP mDNSResponder',
    shell: 'bash',
  },
  { name: 'Check FileVault status', commandType: 'mac', command: 'fdesetup status', shell: 'bash' },
  {
    name: 'Software update check (macOS)',
    commandType: 'mac',
    command: 'softwareupdate -l',
    shell: 'bash',
  },
  { name: 'Collect uptime', commandType: 'linux', command: 'uptime', shell: 'bash' },
] as const;

export const POLICY_TEMPLATES = [
  { name: 'disk_encryption_darwin', displayName: 'FileVault 2', os: 'darwin', delivery: 'mdm' },
  { name: 'screen_lock_darwin', displayName: 'Lock Screen', os: 'darwin', delivery: 'agent' },
  { name: 'firewall_darwin', displayName: 'Application Firewall', os: 'darwin', delivery: 'mdm' },
  {
    name: 'bitlocker_windows',
    displayName: 'BitLocker Full Disk Encryption',
    os: 'windows',
    delivery: 'agent',
  },
  {
    name: 'windows_update_windows',
    displayName: 'Windows Updates',
    os: 'windows',
    delivery: 'agent',
  },
  {
    name: 'password_complexity_windows',
    displayName: 'Password Complexity',
    os: 'windows',
    delivery: 'agent',
  },
  { name: 'auto_update_linux', displayName: 'Automatic Updates', os: 'linux', delivery: 'agent' },
  {
    name: 'ssh_root_login_linux',
    displayName: 'Disable SSH Root Login',
    os: 'linux',
    delivery: 'agent',
  },
] as const;

export const SOFTWARE = [
  { displayName: 'Google Chrome', packageManager: 'APP_CATALOG', version: '131.0.6778.86' },
  { displayName: 'Slack', packageManager: 'APP_CATALOG', version: '4.41.105' },
  { displayName: 'Zoom', packageManager: 'APP_CATALOG', version: '6.2.11' },
  { displayName: '1Password', packageManager: 'APP_CATALOG', version: '8.10.54' },
  { displayName: 'Visual Studio Code', packageManager: 'CHOCOLATEY', version: '1.95.3' },
  { displayName: 'Microsoft Teams', packageManager: 'CHOCOLATEY', version: '24295.605.3225' },
  { displayName: 'Firefox', packageManager: 'CHOCOLATEY', version: '132.0.2' },
  { displayName: 'Keynote', packageManager: 'APPLE_VPP', version: '14.2' },
] as const;

export const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:132.0) Gecko/20100101 Firefox/132.0',
  'PowerShell/7.4 JumpCloud.SDK.DirectoryInsights',
] as const;
