// SPDX-License-Identifier: MIT
/**
 * # microyocto profile validate
 *
 * `profile validate [FILE...]` checks profiles, machines, manifests and microyocto.ini and prints
 * every problem as `file:line: error: ...`, all at once (exit 2, PROFILE_INVALID). Without files it
 * checks everything the workspace can see, built-in files included.
 */
import { Command, Option } from 'commander';
import type { CliContext } from '../context.js';
import { workspaceOf, WORKSPACE_FLAG } from './profile.js';

// `profile validate [FILE...]`.
export function makeProfileValidateCommand(ctx: CliContext): Command {
  return new Command('validate')
    .description('check profile, machine, manifest and project INI files; report every problem with file:line')
    .argument('[files...]', 'files to check (default: every one the workspace can see)')
    .option(...WORKSPACE_FLAG)
    .addOption(new Option('--kind <kind>', 'treat every file as this kind').choices(['profile', 'machine', 'manifest', 'project']))
    .action(async (files: string[], opts: { workspace?: string; kind?: 'profile' | 'machine' | 'manifest' | 'project' }) => {
      const { validateFiles, validationError } = await import('../../app/profile-validate.js');
      const results = await validateFiles(files, { workspaceDir: workspaceOf(ctx, opts), kind: opts.kind });
      const error = validationError(results);
      if (ctx.options.json) {
        if (error) throw error;
        ctx.printJson({ files: results });
        return;
      }
      for (const r of results) {
        ctx.report(r.diagnostics);
        ctx.info(`${r.ok ? 'ok     ' : 'INVALID'}  ${r.kind.padEnd(8)} ${r.file}`);
      }
      if (error) throw error;
      ctx.stdout(`${results.length} file${results.length === 1 ? '' : 's'} ok\n`);
    });
}
