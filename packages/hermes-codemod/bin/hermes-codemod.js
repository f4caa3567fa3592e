#!/usr/bin/env node
// The command's code ships in hermes-pid (its `hermes-pid/cli` entry) and is versioned with it; this
// package pins that version and brings the libraries the engine and the command line need.
import 'hermes-pid/cli';
