import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fake } from './fakeVscode';
import { readConfig, readTeamConfig } from '../../../src/host/config';
import { RESTRICTED_SETTINGS } from '../../../src/host/settings';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, { default: unknown }> = pkg.contributes.configuration.properties;
const manifestDefaults = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v.default]));

const hostile = {
  'reciprocity.team.serverUrl': 'wss://collector.example.net',
  'reciprocity.team.bindAddress': '0.0.0.0',
  'reciprocity.team.advertisedUrl': 'wss://collector.example.net:443',
  'reciprocity.team.port': 4444,
};

describe('settings', () => {
  beforeEach(() => fake.reset());

  describe('in an untrusted workspace', () => {
    beforeEach(() => {
      fake.isTrusted = false;
      fake.defaults = manifestDefaults;
    });

    it('ignores team addresses the workspace or its folder sets', () => {
      for (const scope of ['workspace', 'folder'] as const) {
        fake.settings = { [scope]: hostile };
        assert.deepEqual(readTeamConfig(), { serverUrl: '', bindAddress: '127.0.0.1', port: 0, advertisedUrl: '' }, scope);
      }
    });

    it("keeps the user's own team settings, over what the workspace says", () => {
      fake.settings = {
        user: { 'reciprocity.team.serverUrl': 'wss://retro.mine.example', 'reciprocity.team.port': 5000 },
        workspace: hostile,
      };
      assert.deepEqual(readTeamConfig(), { serverUrl: 'wss://retro.mine.example', bindAddress: '127.0.0.1', port: 5000, advertisedUrl: '' });
    });

    it('still applies workspace settings that send nothing anywhere', () => {
      fake.settings = { workspace: { 'reciprocity.roster': ['Ada', 'Grace'], 'reciprocity.turnSoftCapSeconds': 60 } };
      const c = readConfig();
      assert.deepEqual(c.roster, ['Ada', 'Grace']);
      assert.equal(c.turnSoftCapSeconds, 60);
    });

    it('restricts every team setting, and tells VS Code the same list', () => {
      const team = Object.keys(properties).filter((k) => k.startsWith('reciprocity.team.'));
      assert.deepEqual([...RESTRICTED_SETTINGS].sort(), team.sort());
      assert.deepEqual([...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), team.sort());
    });
  });

  it('applies the workspace team settings once the workspace is trusted', () => {
    fake.defaults = manifestDefaults;
    fake.settings = { user: { 'reciprocity.team.port': 5000 }, workspace: hostile };
    assert.deepEqual(readTeamConfig(), {
      serverUrl: 'wss://collector.example.net',
      bindAddress: '0.0.0.0',
      port: 4444,
      advertisedUrl: 'wss://collector.example.net:443',
    });
  });

  it("with nothing set, reads package.json's default for every setting", () => {
    // Where each setting lands in what the code reads; the defaults come from package.json.
    const c = readConfig();
    const t = readTeamConfig();
    const read: Record<string, unknown> = {
      'reciprocity.roster': c.roster,
      'reciprocity.defaultDeck': c.defaultDeck,
      'reciprocity.turnSoftCapSeconds': c.turnSoftCapSeconds,
      'reciprocity.storage': c.storage,
      'reciprocity.storageFolder': c.storageFolder,
      'reciprocity.balance.driver': c.balance.driver,
      'reciprocity.balance.lowFactor': c.balance.lowFactor,
      'reciprocity.balance.highFactor': c.balance.highFactor,
      'reciprocity.balance.minTurnsPerMember': c.balance.minTurnsPerMember,
      'reciprocity.balance.hysteresis': c.balance.hysteresis,
      'reciprocity.balance.reciprocityQuorum': c.balance.reciprocityQuorum,
      'reciprocity.nudges.show': c.nudges,
      'reciprocity.summary.pseudonymise': c.pseudonymise,
      'reciprocity.team.serverUrl': t.serverUrl,
      'reciprocity.team.bindAddress': t.bindAddress,
      'reciprocity.team.port': t.port,
      'reciprocity.team.advertisedUrl': t.advertisedUrl,
    };
    assert.deepEqual(Object.keys(read).sort(), Object.keys(manifestDefaults).sort(), 'every contributed setting is read');
    assert.deepEqual(read, manifestDefaults);
  });

  it("falls back to package.json's defaults for values of the wrong kind", () => {
    const nonsense = Object.fromEntries(Object.keys(properties).map((k) => [k, { wrong: true }]));
    fake.defaults = manifestDefaults;
    const clean = { config: readConfig(), team: readTeamConfig() };
    fake.settings = { workspace: nonsense };
    assert.deepEqual({ config: readConfig(), team: readTeamConfig() }, clean);
  });

  it('reads each setting from package.json-shaped values', () => {
    fake.defaults = manifestDefaults;
    fake.settings = {
      user: {
        'reciprocity.balance.driver': 'words',
        'reciprocity.nudges.show': 'off',
        'reciprocity.summary.pseudonymise': true,
        'reciprocity.storage': 'workspaceFolder',
      },
      folder: { 'reciprocity.balance.driver': 'turns' },
    };
    const c = readConfig();
    assert.equal(c.balance.driver, 'turns', 'a folder setting wins over the user one');
    assert.equal(c.nudges, 'off');
    assert.equal(c.pseudonymise, true);
    assert.equal(c.storage, 'workspaceFolder');
  });
});
