// SPDX-License-Identifier: MIT
/**
 * # microyocto flash
 *
 * `microyocto flash [DEVICE] [--image PATH | --profile P] [--list] [--dry-run] [--yes]
 * [--expect-serial S | --expect-size N] [--unmount] [--no-verify] [--read-back] [--allow-internal] [--partition]`
 * writes an image to a card: only a removable whole disk that holds no system, image or build, after a
 * confirmation that names it (or --yes plus an identity pin in CI), sparse with a .bmap, checksummed
 * as it writes. See docs/commands/flash.md.
 */
import { Command, Option } from 'commander';
import type { FlashCommandFlags } from '../../app/flash-command.js';
import type { CliContext } from '../context.js';


// `flash`.
export function makeFlashCommand(ctx: CliContext): Command {
  return new Command('flash')
    .description('write an image to an SD card or USB disk, safely (checks, confirmation) and fast (bmap)')
    .argument('[device]', 'the whole-disk device: /dev/sdX, /dev/mmcblkN or /dev/disk/by-id/...')
    .addOption(new Option('--image <path>', 'the image (.wic, .direct, .img; .gz/.xz/.zst decompressed on the fly)').conflicts('profile'))
    .option('--profile <name>', 'flash the image of deploy/<name>/manifest.json')
    .option('--bmap <path>', 'the block map (default: found next to the image, as bmaptool does)')
    .option('--no-bmap', 'ignore any .bmap: write every byte (slower)')
    .option('--list', 'list block devices and why each can or cannot be flashed')
    .option('--dry-run', 'print the plan and every check, write nothing')
    .option('-y, --yes', 'do not ask; in CI also give --expect-serial, --expect-size or a by-id path')
    .addOption(new Option('--expect-serial <serial>', 'refuse unless the device has this serial (or WWN)').conflicts('expectSize'))
    .option('--expect-size <bytes>', 'refuse unless the device has exactly this size (bytes, or 16G style binary units)')
    .option('--unmount', 'unmount the target\'s mounted partitions instead of refusing')
    .option('--no-verify', 'do not check bmap checksums while writing')
    .option('--read-back', 'read the written data back from the device and compare')
    .option('--allow-internal', 'accept a non-removable (SATA/NVMe) disk, with confirmation')
    .option('--allow-loop', 'accept loop devices (tests, benchmarks)')
    .option('--partition', 'write to a partition (e.g. a filesystem image into /dev/sdb2) instead of a whole disk; every other check still applies')
    .action(async (device: string | undefined, flags: FlashCommandFlags) => {
      const { runFlashCommand } = await import('../../app/flash-command.js');
      await runFlashCommand(ctx, device, flags);
    });
}
