#!/usr/bin/env node
// The installed `reciprocity` command: the bundled CLI does the work. exitCode (not
// process.exit) lets a large report finish flushing to a pipe before Node exits.
'use strict';
const { main } = require('../dist/cli.js');
Promise.resolve(main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
