// SPDX-License-Identifier: MIT
// Step `check-image`: the deploy manifest's sha256 of the image, before anything is written.
import { MicroyoctoError } from '../core/errors.js';
import { sha256File } from '../flash/image.js';
import type { FlashSession } from '../flash/session.js';
import type { Step } from '../pipeline/step.js';

export const checkImageStep: Step<FlashSession> = {
  id: 'check-image',
  title: 'Check the image against its deploy manifest',
  skipReason: (s) => (s.image.manifest === undefined ? 'no deploy manifest (--image given); the bmap checksums are checked while writing' : undefined),
  async run(session, io) {
    const manifest = session.image.manifest!;
    io.progress({ message: `sha256 of ${session.image.path}` });
    const digest = await sha256File(session.image.path, io.signal);
    if (digest !== manifest.sha256) {
      throw new MicroyoctoError('IMAGE_INVALID', `${session.image.path} has sha256 ${digest} but ${manifest.path} says ${manifest.sha256}; nothing was written`, {
        hint: 'the image changed or is damaged since the build: rebuild it',
      });
    }
    io.log(`sha256 ${digest} matches ${manifest.path}`);
  },
};
