/** Seeded groups with members, SSO applications bound to groups, commands with results, policies, software. */
import type {
  Application,
  Command,
  CommandResult,
  Group,
  JsonRecord,
  Policy,
  SoftwareApp,
  System,
  SystemUser,
} from '../types.js';
import { COMMAND_TEMPLATES, DEPARTMENTS, POLICY_TEMPLATES, SOFTWARE, SSO_APPS } from './catalog.js';
import { daysAgo, type SeedContext } from './seed-context.js';

function group(ctx: SeedContext, name: string, type: Group['type'], description: string): Group {
  return {
    id: ctx.r.objectId(),
    name,
    type,
    description,
    email: '',
    attributes: type === 'user_group' ? { sudo: { enabled: false, withoutPassword: false } } : null,
    membershipMethod: 'STATIC',
    memberQueryExemptions: [],
    memberQueryErrorFlags: [],
    memberSuggestionsNotify: false,
    organizationObjectId: ctx.orgId,
    ...(type === 'user_group' ? { suggestionCounts: { add: 0, remove: 0, total: 0 } } : {}),
  };
}

export function seedUserGroups({ ctx, users }: { ctx: SeedContext; users: SystemUser[] }) {
  const groups: Group[] = [];
  const members = new Map<string, string[]>();
  for (const department of DEPARTMENTS) {
    const g = group(ctx, department, 'user_group', `Everyone in ${department}`);
    groups.push(g);
    members.set(
      g.id,
      users.filter((u) => u.department === department).map((u) => u._id),
    );
  }
  const everyone = group(ctx, 'All Employees', 'user_group', 'Every active employee');
  groups.push(everyone);
  members.set(
    everyone.id,
    users.filter((u) => u.state === 'ACTIVATED').map((u) => u._id),
  );
  const contractors = group(ctx, 'Contractors', 'user_group', 'External contractors');
  groups.push(contractors);
  members.set(
    contractors.id,
    users.filter((u) => u.employeeType === 'Contractor').map((u) => u._id),
  );
  const empty = group(ctx, 'Offboarding (empty)', 'user_group', 'Users pending offboarding');
  groups.push(empty);
  members.set(empty.id, []);
  return { groups, members };
}

export function seedSystemGroups({ ctx, systems }: { ctx: SeedContext; systems: System[] }) {
  const groups: Group[] = [];
  const members = new Map<string, string[]>();
  const add = (name: string, description: string, pick: (s: System) => boolean) => {
    const g = group(ctx, name, 'system_group', description);
    groups.push(g);
    members.set(
      g.id,
      systems.filter(pick).map((s) => s._id),
    );
  };
  add('All macOS', 'Every Mac', (s) => s.osFamily === 'darwin');
  add('All Windows', 'Every Windows device', (s) => s.osFamily === 'windows');
  add('Linux Servers', 'Linux servers and workstations', (s) => s.osFamily === 'linux');
  add(
    'Engineering Laptops',
    'Laptops assigned to engineers',
    (s) => s.osFamily !== 'linux' && ctx.r.bool({ probability: 0.3 }),
  );
  add('Kiosks', 'Shared kiosk devices', () => false);
  return { groups, members };
}

function field(value: unknown, type = 'text'): JsonRecord {
  return { label: '', position: 0, readOnly: false, required: true, type, value, visible: true };
}

export function seedApplications({ ctx, userGroups }: { ctx: SeedContext; userGroups: Group[] }) {
  const applications: Application[] = [];
  const bindings = new Map<string, string[]>();
  for (const app of SSO_APPS) {
    const id = ctx.r.objectId();
    applications.push({
      _id: id,
      active: ctx.r.bool({ probability: 0.9 }),
      beta: false,
      color: '',
      config: {
        acsUrl: field(`https://${app.name}.example.com/sso/acs`),
        idpEntityId: field(`https://sso.jumpcloud.com/saml2/${app.name}`),
        spEntityId: field(`https://${app.name}.example.com`),
        constantAttributes: null,
        databaseAttributes: { position: 0 },
      },
      created: daysAgo(ctx, 30, 600),
      databaseAttributes: [],
      description: `${app.displayName} single sign-on`,
      displayLabel: app.displayName,
      displayName: app.displayName,
      learnMore: '',
      logo: { color: '', url: `https://console.jumpcloud.com/img/catalog/${app.name}.png` },
      name: app.name,
      organization: ctx.orgId,
      sso: { type: app.type, beta: false, jit: false, hidden: false },
      ssoUrl: `https://sso.jumpcloud.com/saml2/${app.name}`,
    });
    bindings.set(
      id,
      ctx.r.sample(userGroups, { min: 1, max: 3 }).map((g) => g.id),
    );
  }
  return { applications, bindings };
}

const FAMILY_OF_TYPE = { linux: 'linux', windows: 'windows', mac: 'darwin' } as const;

export function seedCommands({
  ctx,
  systems,
  systemGroups,
}: {
  ctx: SeedContext;
  systems: System[];
  systemGroups: Group[];
}) {
  const commands: Command[] = [];
  const targets = new Map<string, { systems: string[]; systemGroups: string[] }>();
  const runResults = new Map<string, JsonRecord[]>();
  const results: CommandResult[] = [];
  for (const template of COMMAND_TEMPLATES) {
    const id = ctx.r.objectId();
    const family = FAMILY_OF_TYPE[template.commandType];
    const eligible = systems.filter((s) => s.osFamily === family);
    const bound = ctx.r.sample(eligible, {
      min: 0,
      max: Math.min(6, eligible.length),
    });
    const groupBound = systemGroups.filter((g) =>
      g.name.toLowerCase().includes(family === 'darwin' ? 'macos' : family),
    );
    commands.push({
      _id: id,
      name: template.name,
      command: template.command,
      commandType: template.commandType,
      commandRunners: [],
      files: [],
      launchType: 'manual',
      listensTo: '',
      organization: ctx.orgId,
      schedule: '',
      scheduleRepeatType: '',
      sudo: template.commandType !== 'windows',
      systems: [],
      template: '',
      timeout: '120',
      trigger: '',
      user: '000000000000000000000000',
      shell: template.shell,
      timeToLiveSeconds: 0,
      description: `${template.name} on ${family} devices`,
      aiGenerated: false,
      templatingRequired: false,
    });
    targets.set(id, {
      systems: bound.map((s) => s._id),
      systemGroups: groupBound.map((g) => g.id),
    });
    const runs: JsonRecord[] = [];
    for (const system of bound) {
      const requestTime = daysAgo(ctx, 0.2, 25);
      const failed = ctx.r.bool({ probability: 0.15 });
      const resultId = ctx.r.objectId();
      const response = {
        data: {
          exitCode: failed ? 1 : 0,
          output: failed ? 'permission denied' : `${template.name}: ok`,
        },
        error: failed ? 'exit status 1' : '',
        id: resultId,
      };
      const responseTime = new Date(Date.parse(requestTime) + 4000).toISOString();
      runs.push({
        _id: resultId,
        command: template.command,
        files: [],
        name: template.name,
        organization: ctx.orgId,
        requestTime,
        response,
        responseTime,
        sudo: template.commandType !== 'windows',
        system: system.displayName,
        systemId: system._id,
        user: '000000000000000000000000',
        workflowId: id,
        workflowInstanceId: ctx.r.objectId(),
      });
      results.push({
        _id: resultId,
        command: template.command,
        exitCode: response.data.exitCode,
        name: template.name,
        requestTime,
        responseTime,
        sudo: template.commandType !== 'windows',
        system: system.displayName,
        systemId: system._id,
        user: '000000000000000000000000',
        workflowId: id,
        response: { data: response.data, error: response.error },
      });
    }
    runResults.set(id, runs);
  }
  results.sort((a, b) => String(a.requestTime).localeCompare(String(b.requestTime)));
  return { commands, targets, runResults, results };
}

export function seedPolicies(ctx: SeedContext): Policy[] {
  return POLICY_TEMPLATES.map((t) => ({
    id: ctx.r.objectId(),
    name: t.displayName,
    notes: '',
    template: {
      id: ctx.r.objectId(),
      name: t.name,
      displayName: t.displayName,
      description: `${t.displayName} policy`,
      osMetaFamily: t.os,
      activation: 'none',
      behavior: 'none',
      deliveryTypes: [t.delivery],
      state: '',
      alert: null,
      reference: null,
    },
    configFields: [
      {
        id: ctx.r.objectId(),
        name: 'enabled',
        label: 'Enabled',
        displayType: 'checkbox',
        defaultValue: true,
        position: 1,
        readOnly: false,
        required: false,
        sensitive: false,
      },
    ],
    values: [],
  }));
}

export function seedSoftware(ctx: SeedContext): SoftwareApp[] {
  return SOFTWARE.map((s) => {
    const created = daysAgo(ctx, 30, 400);
    return {
      id: ctx.r.objectId(),
      organization: ctx.orgId,
      displayName: s.displayName,
      createdAt: created,
      updatedAt: created,
      settings: [
        {
          packageId: s.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
          autoUpdate: true,
          allowUpdateDelay: false,
          packageManager: s.packageManager,
          desiredState: 'Install',
          displayVersion: s.version,
          packageVersion: s.version,
          description: `${s.displayName} managed install`,
          scope: 'SYSTEM',
          createdAt: created,
          updatedAt: created,
        },
      ],
    };
  });
}
