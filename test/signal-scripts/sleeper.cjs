/* global setInterval */
'use strict';
// A child that stays until killed, reports `up` over IPC, answers `ping` with the signals it caught,
// and with `ignore-term` survives SIGTERM (it only counts it).
const caught = [];
const count = (name) => () => caught.push(name);
if (process.argv[2] === 'ignore-term') process.on('SIGTERM', count('SIGTERM'));
process.on('SIGUSR1', count('SIGUSR1'));
process.on('message', (message) => {
  if (message === 'ping') process.send?.({ pong: process.pid, caught });
});
setInterval(() => undefined, 1000);
process.send?.('up');
