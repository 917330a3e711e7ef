/** Where the commands write: results on stdout, progress and errors on stderr. */
export interface Output {
  line(text: string): void;
  error(text: string): void;
  /** A progress report: one line redrawn in place on a terminal, plain lines otherwise. */
  progress(text: string): void;
  /** Ends a progress line drawn in place, so the next output starts on a fresh line. */
  endProgress(): void;
  /** True when stderr is a terminal (live progress); false in CI logs and pipes. */
  readonly interactive: boolean;
}

export function consoleOutput(
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
): Output {
  const interactive = Boolean(stderr.isTTY);
  let live = false;
  return {
    interactive,
    line: (text) => void stdout.write(`${text}\n`),
    error: (text) => void stderr.write(`${text}\n`),
    progress(text) {
      if (interactive) {
        // \r and "erase to end of line": the same line is redrawn, never scrolled.
        stderr.write(`\r${text}\x1b[K`);
        live = true;
      } else stderr.write(`${text}\n`);
    },
    endProgress() {
      if (live) stderr.write('\n');
      live = false;
    },
  };
}
