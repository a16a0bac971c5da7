// SPDX-License-Identifier: MIT
// Step `unmount-target` (with --unmount): unmount the target disk's partitions, and only those.
import type { FlashSession } from '../flash/session.js';
import type { Step } from '../pipeline/step.js';
import { unmount } from '../tools/flash-tools.js';

export const unmountTargetStep: Step<FlashSession> = {
  id: 'unmount-target',
  title: 'Unmount the target\'s partitions',
  skipReason: (s) => (s.plan.unmount.length === 0 ? 'nothing mounted' : undefined),
  async run(session, io) {
    // Deepest mount points first, so nested mounts come off before their parents.
    const order = [...session.plan.unmount].sort((a, b) => b.mountPoint.length - a.mountPoint.length);
    for (const m of order) {
      io.log(`umount ${m.mountPoint} (${m.source})`);
      await unmount(m.mountPoint, session.env);
    }
  },
};
