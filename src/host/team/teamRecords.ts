// What this machine remembers about team retros, so a reload resumes them: hosted retros
// in the workspace's state (their port, for members to reconnect to), joined retros in
// global state; every token and seat secret in VS Code's secret storage, never in settings.
import type * as vscode from 'vscode';

export interface HostedRecord {
  mode: 'embedded' | 'server';
  title: string;
  /** Embedded: where it listened, so a restart listens there again and members reconnect. */
  port: number;
  bindAddress: string;
  /** What the join code names. */
  urls: string[];
}

export interface HostedSecrets {
  facilitator: string;
  memberToken: string;
  /** Embedded only: the key member tokens are derived from. */
  memberKey?: string;
}

export interface JoinedRecord {
  code: string;
  name: string;
  title: string;
}

const HOSTED = 'reciprocity.team.hosted';
const JOINED = 'reciprocity.team.joined';
const MY_NAME = 'reciprocity.team.myName';

export class TeamRecords {
  constructor(
    private readonly workspace: vscode.Memento,
    private readonly global: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  hosted(retro: string): HostedRecord | undefined {
    return this.workspace.get<Record<string, HostedRecord>>(HOSTED, {})[retro];
  }

  async saveHosted(retro: string, record: HostedRecord, secrets: HostedSecrets): Promise<void> {
    await this.secrets.store(`${HOSTED}.${retro}`, JSON.stringify(secrets));
    await this.workspace.update(HOSTED, { ...this.workspace.get<Record<string, HostedRecord>>(HOSTED, {}), [retro]: record });
  }

  /** A hosted retro was renamed: a reload re-shares the join code with the new title. */
  async retitleHosted(retro: string, title: string): Promise<void> {
    const all = this.workspace.get<Record<string, HostedRecord>>(HOSTED, {});
    const record = all[retro];
    if (!record || record.title === title) return;
    await this.workspace.update(HOSTED, { ...all, [retro]: { ...record, title } });
  }

  async hostedSecrets(retro: string): Promise<HostedSecrets | undefined> {
    const raw = await this.secrets.get(`${HOSTED}.${retro}`);
    if (!raw) return undefined;
    try {
      const s = JSON.parse(raw) as Partial<HostedSecrets>;
      if (typeof s.facilitator !== 'string' || typeof s.memberToken !== 'string') return undefined;
      return { facilitator: s.facilitator, memberToken: s.memberToken, ...(typeof s.memberKey === 'string' ? { memberKey: s.memberKey } : {}) };
    } catch {
      return undefined;
    }
  }

  joined(retro: string): JoinedRecord | undefined {
    return this.global.get<Record<string, JoinedRecord>>(JOINED, {})[retro];
  }

  async saveJoined(retro: string, record: JoinedRecord, seatSecret: string): Promise<void> {
    await this.secrets.store(`${JOINED}.${retro}`, seatSecret);
    await this.global.update(JOINED, { ...this.global.get<Record<string, JoinedRecord>>(JOINED, {}), [retro]: record });
    await this.global.update(MY_NAME, record.name);
  }

  seatSecret(retro: string): Thenable<string | undefined> {
    return this.secrets.get(`${JOINED}.${retro}`);
  }

  myName(): string | undefined {
    return this.global.get<string>(MY_NAME);
  }

  /** A facilitator token for a standalone server, kept per server address. */
  serverToken(url: string): Thenable<string | undefined> {
    return this.secrets.get(`reciprocity.team.server.${url}`);
  }

  storeServerToken(url: string, token: string): Thenable<void> {
    return this.secrets.store(`reciprocity.team.server.${url}`, token);
  }
}
