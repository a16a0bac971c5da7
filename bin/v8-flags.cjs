// SPDX-License-Identifier: MIT
// V8's compiler settings for microyocto, set by bin/microyocto.cjs before any of our code is compiled, and
// by scripts/bundle-startup.mjs before it makes the bundle's code cache (V8 takes a cache only from a
// process with the same flags).
// Why: a cold `kconfig resolve` runs most of its code once, over large inputs (a Kconfig tree of 1 500
// files), while ~90 compiler probes share the machine's cores. With V8's defaults, a function gathers type
// feedback only after it has run a while, and the optimising compiler then inlines up to 920 bytes of
// bytecode per function; its background compiles were ~0.5 s of CPU of a cold resolve, as much as the
// parse. Feedback from the first call and a smaller inlining budget cut the process's CPU by about a
// fifth (cold parse 1.72 → 1.31 s CPU) without slowing the warm path (see docs/architecture.md).
// NOTE: heuristics only: no flag here changes what a program computes.
'use strict';
module.exports = '--no-lazy-feedback-allocation --max-inlined-bytecode-size-cumulative=200';
