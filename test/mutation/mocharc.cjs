// The unit suite as .mocharc.json runs it, with room for Stryker's coverage instrumentation,
// which makes the multi-megabyte transcript tests several times slower. The manifest test is
// left out: it checks the repository's files (which a Stryker sandbox copies only in part),
// not the domain code being mutated.
'use strict';
module.exports = { ...require('../../.mocharc.json'), timeout: 60000, ignore: ['test/unit/manifest.test.ts'] };
