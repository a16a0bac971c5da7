// SPDX-License-Identifier: MIT
// For bench/kconfig-resolve.bench.mjs only: an LD_PRELOAD library that answers the kernel conf's
// $(shell,...) probes (conf runs them through popen) from a file of recorded answers, so the kernel's
// own conf can be timed "with cached probes" whole-process, side by side with microyocto's warm run.
// A command that is not in the file runs for real (and is counted: the bench prints the misses).
// File format (PROBE_ANSWERS): repeated "<len>\n<command><len>\n<answer>".
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct answer { char *cmd; char *out; size_t len; };
static struct answer *answers;
static size_t count, hits, misses;
static FILE *ours[256];
static size_t nours;

static char *take(FILE *f, size_t *len) {
  if (fscanf(f, "%zu\n", len) != 1) return NULL;
  char *s = malloc(*len + 1);
  if (fread(s, 1, *len, f) != *len) { free(s); return NULL; }
  s[*len] = 0;
  return s;
}

static void load(void) {
  static int done;
  if (done) return;
  done = 1;
  const char *path = getenv("PROBE_ANSWERS");
  FILE *f = path ? fopen(path, "r") : NULL;
  if (!f) return;
  size_t cap = 0, clen;
  char *cmd;
  while ((cmd = take(f, &clen)) != NULL) {
    size_t olen;
    char *out = take(f, &olen);
    if (!out) { free(cmd); break; }
    if (count == cap) answers = realloc(answers, (cap = cap ? cap * 2 : 128) * sizeof *answers);
    answers[count++] = (struct answer){ cmd, out, olen };
  }
  fclose(f);
}

__attribute__((destructor)) static void report(void) {
  if (getenv("PROBE_ANSWERS_REPORT")) fprintf(stderr, "probe-cache: %zu hits, %zu misses\n", hits, misses);
}

FILE *popen(const char *command, const char *type) {
  static FILE *(*real)(const char *, const char *);
  if (!real) real = (FILE *(*)(const char *, const char *))dlsym(RTLD_NEXT, "popen");
  load();
  if (type[0] == 'r' && nours < 256) {
    for (size_t i = 0; i < count; i++) {
      if (strcmp(answers[i].cmd, command) != 0) continue;
      // fmemopen of a zero-length buffer fails on some libcs: give it one byte and read nothing.
      FILE *f = answers[i].len ? fmemopen(answers[i].out, answers[i].len, "r") : fopen("/dev/null", "r");
      if (f) ours[nours++] = f;
      hits++;
      return f;
    }
  }
  misses++;
  return real(command, type);
}

int pclose(FILE *f) {
  static int (*real)(FILE *);
  if (!real) real = (int (*)(FILE *))dlsym(RTLD_NEXT, "pclose");
  for (size_t i = 0; i < nours; i++) {
    if (ours[i] != f) continue;
    ours[i] = ours[--nours];
    fclose(f);
    return 0;
  }
  return real(f);
}
