/** A one-line progress indicator on stderr, shown only on a TTY and only once a scan has run for a second. */
import type { ScanProgress } from '../engine/scan.js';

export interface Progress {
  update(progress: ScanProgress): void;
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function createProgress(stream: NodeJS.WriteStream, enabled: boolean, delayMs = 1000): Progress {
  if (!enabled || !stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  let latest: ScanProgress = { phase: 'walk', done: 0, total: 0 };
  let frame = 0;
  let shown = false;
  const render = (): void => {
    if (Date.now() - started < delayMs) return;
    shown = true;
    const label =
      latest.phase === 'walk'
        ? 'finding files'
        : latest.phase === 'python'
          ? `analyzing Python ${latest.done}/${latest.total}`
          : latest.phase === 'taint'
            ? 'following request data'
            : latest.phase === 'history'
              ? `scanning git history for secrets (${latest.done} commits)`
              : 'checking project settings';
    stream.write(`\r\u001b[2K${FRAMES[frame++ % FRAMES.length]} ponyguard: ${label}`);
  };
  const timer = setInterval(render, 100);
  timer.unref();
  return {
    update(progress) {
      latest = progress;
    },
    stop() {
      clearInterval(timer);
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
