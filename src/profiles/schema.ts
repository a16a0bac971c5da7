// SPDX-License-Identifier: MIT
// The shape of every INI file microyocto reads, as zod schemas. The descriptions are the reference:
// scripts/gen-profile-docs.mjs turns them into docs/profiles.md, so write them for users.
import { z } from 'zod';
import { RELEASES } from '../core/model.js';
import { SIZE_PATTERN } from '../core/size.js';

const NAME = /^[a-z0-9][a-z0-9._-]*$/;
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_\-+./:${}]*$/;
const SHA = /^[0-9a-f]{40}$/;

const name = (what: string) => z.string().regex(NAME, `expected ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what} name (lower-case letters, digits, '.', '-' and '_')`);
/** A whitespace-separated list, or several `key[] = value` lines. */
const list = () => z.union([z.string(), z.array(z.string())], { error: 'expected a list (values separated by spaces, or one `key[] = value` line each)' });
const text = () => z.string({ error: 'expected text' });
const bool = () => z.boolean({ error: 'expected true or false' });
const size = () => z.string().regex(SIZE_PATTERN, "expected a size such as 766k, 620 kB, 8M or 1048576 (k, M, G are 1024-based)");

export const PROFILE_SCHEMA = z.strictObject({
  description: text().optional().describe('One line saying what the profile builds. Shown by `profile list`.'),
  extends: name('profile').optional().describe(
    'The profile this one starts from. Every setting not given here is inherited; a workspace profile may extend a built-in one of the same name.',
  ),
  manifest: name('manifest').optional().describe('The layer manifest (`configs/manifests/<name>.ini`) to build with. Default: the project file\'s `manifest`, else `default`.'),
  machine: name('machine').optional().describe('The machine (`configs/machines/<name>.ini`). Default: the project file\'s `machine`, else `qemux86`.'),
  distro: name('distro').optional().describe('The bitbake DISTRO. Default: `poky-micro` (meta-microyocto, on top of poky-tiny).'),
  image: name('image').optional().describe('The image recipe to build. Default: `image-micro`.'),
  kernel: z
    .strictObject({
      recipe: name('recipe').optional().describe('The kernel recipe the features apply to. Default: `linux-yocto-tiny`.'),
      features: list().optional().describe(
        'Kernel features by name (`proc-min-enable`, `net-diet`, `lto` ...), each a `.scc` + `.cfg` pair in meta-microyocto\'s kernel metadata (see `microyocto profile show`). Replaces the inherited list.',
      ),
      'features:append': list().optional().describe('Features added after the inherited (or given) `features`.'),
      'features:remove': list().optional().describe('Features taken out of the inherited list.'),
      fragments: list().optional().describe(
        'Extra kernel config fragments (`.cfg` files of `CONFIG_*` lines), paths relative to this INI file. Merged after the features. Replaces the inherited list.',
      ),
      'fragments:append': list().optional().describe('Fragments added after the inherited (or given) `fragments`.'),
    })
    .optional()
    .describe('The kernel: which recipe, which features, which extra fragments.'),
  vars: z
    .record(z.string().regex(VAR_NAME, 'expected a bitbake variable name'), text())
    .optional()
    .describe(
      'Extra bitbake variables written to `auto.conf`, one `NAME = value` line each (inherited ones merge, this file wins). Quote values that contain `;` or `#` (the INI reader cuts there otherwise).',
    ),
  budget: z
    .strictObject({
      'kernel-text': size().optional().describe('Kernel `.text` (as `size vmlinux` or `/proc/virt_kmem` shows it).'),
      'kernel-data': size().optional().describe('Kernel `.data`.'),
      'kernel-bss': size().optional().describe('Kernel `.bss`.'),
      'kernel-image': size().optional().describe('The compressed kernel image (bzImage).'),
      rootfs: size().optional().describe('The root file system image (e.g. the cpio.gz).'),
      image: size().optional().describe('The whole wic disk image.'),
    })
    .optional()
    .describe('Size budgets checked by the footprint reports. Sizes like `766k`, `8M`; k, M and G are 1024-based, like the kernel\'s kB.'),
});

export const MACHINE_SCHEMA = z.strictObject({
  description: text().optional().describe('One line about the board.'),
  extends: name('machine').optional().describe('The machine this one starts from; a workspace machine may extend the built-in one of the same name.'),
  'bitbake-machine': name('MACHINE').optional().describe('The value of MACHINE for bitbake. Default: the machine\'s name.'),
  'kernel-arch': z.string().regex(/^[a-z0-9_]+$/, 'expected a kernel ARCH such as i386, x86_64, arm, arm64').optional().describe('The kernel\'s ARCH (`i386`, `x86_64`, `arm`, `arm64` ...). Required.'),
  wks: text().optional().describe('The wic kickstart for `microyocto image`: a canned name (`micro-galileo`) or a path relative to this file.'),
  cmdline: text().optional().describe('Kernel boot arguments (quote it if it has `;` or `#`).'),
});

export const REPO_SCHEMA = z.strictObject({
  url: text().optional().describe('Where to clone from (https, ssh or file URL). Required unless `builtin`.'),
  branch: text().optional().describe('The branch (or tag) to check out. Required unless `builtin`.'),
  commit: z.string().regex(SHA, 'expected a full 40-character lower-case SHA').optional().describe('A full SHA to pin to (the lockfile pins otherwise).'),
  path: name('folder').optional().describe('The folder under `layers/`. Default: the section name (galileo-daisy checks meta-galileo out as `meta-intel`).'),
  layers: list().optional().describe('The layer folders inside the repo, relative to it; `.` for a repo that is itself a layer. Empty for bitbake.'),
  mirrors: list().optional().describe('Mirror URLs tried before `url`, in order.'),
  builtin: bool().optional().describe('True for a layer that ships inside microyocto (meta-microyocto): never cloned.'),
});

export const MANIFEST_SCHEMA = z.strictObject({
  description: text().optional().describe('One line about this set of layers.'),
  release: z.enum(RELEASES, { error: `expected a Yocto release codename (${RELEASES.join(', ')})` }).describe(
    'The Yocto release codename the repos belong to (`daisy`, `scarthgap`, `wrynose` ...). Decides the syntax microyocto writes (`_append_x` before honister, `:append:x` after). Required.',
  ),
  repo: z.record(name('repo'), REPO_SCHEMA).optional().describe('One `[repo.<name>]` section per repository, in clone order.'),
});

export const PROJECT_SCHEMA = z.strictObject({
  manifest: name('manifest').optional().describe('The manifest profiles build with unless they name one. Default: `default`.'),
  profile: name('profile').optional().describe('The profile commands use when `--profile` is not given.'),
  machine: name('machine').optional().describe('Overrides the machine of every profile (e.g. `qemux86` to try a board profile in QEMU).'),
  shallow: bool().optional().describe('Clone with `--depth 1` (faster, no history). Default: false.'),
  cache: z
    .strictObject({
      'dl-dir': text().optional().describe('DL_DIR, shared by all profiles. Default: `<workspace>/downloads`.'),
      'sstate-dir': text().optional().describe('SSTATE_DIR. Default: `<workspace>/sstate-cache`.'),
      'sstate-mirrors': list().optional().describe('SSTATE_MIRRORS entries (`file://.* https://host/PATH;downloadfilename=PATH`).'),
      hashserve: text().optional().describe('BB_HASHSERVE: `auto`, `host:port`, `unix://path` or `wss://...`.'),
      prserv: text().optional().describe('PRSERV_HOST (only needed when publishing package feeds).'),
      'git-mirror': text().optional().describe('A folder of bare mirrors shared between workspaces (used with `git clone --reference`).'),
    })
    .optional()
    .describe('Caches shared between profiles and workspaces (written to auto.conf).'),
});

export type RawProfile = z.infer<typeof PROFILE_SCHEMA>;
export type RawMachine = z.infer<typeof MACHINE_SCHEMA>;
export type RawManifest = z.infer<typeof MANIFEST_SCHEMA>;
export type RawProject = z.infer<typeof PROJECT_SCHEMA>;

// What each file kind is called in messages and where it lives.
export const KINDS = {
  profile: { schema: PROFILE_SCHEMA, dir: 'profiles' },
  machine: { schema: MACHINE_SCHEMA, dir: 'machines' },
  manifest: { schema: MANIFEST_SCHEMA, dir: 'manifests' },
  project: { schema: PROJECT_SCHEMA, dir: '' },
} as const;
export type FileKind = keyof typeof KINDS;
