// Team mode, in its own bundle (dist/sync.js): the extension loads it on first use and
// the command-line server loads it on start, so activation never pays for it.
export { startTeamServer, isLoopback, memberTokenFor, type TeamServer, type TeamServerOptions } from './server';
export { TeamClient, type TeamClientOptions, type ClientStatus } from './client';
export { newToken, newRetroTokens, sameSecret, type RetroTokens } from './tokens';
export { SessionAuthority, type Identity, type AuthorityResult, type JoinResult } from './authority';
