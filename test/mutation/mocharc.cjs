// The unit suite as .mocharc.json runs it, with room for Stryker's coverage instrumentation,
// which makes the multi-megabyte transcript tests several times slower.
'use strict';
module.exports = { ...require('../../.mocharc.json'), timeout: 60000 };
