#!/usr/bin/env node
// SPDX-License-Identifier: MIT
import '../dist/src/main.js';
