import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promptFilePath } from './prompt-file.js';

export interface LocalFile {
  /** Path relative to the directory, with `/` separators (as printed). */
  relative: string;
  /** The prompt name its place implies: `support/greeting.yaml` → `support/greeting`. */
  name: string;
  text: string;
}

const EXTENSIONS = ['.yaml', '.yml'];

/** Every prompt file under `dir`, sorted by path; hidden directories (.git, …) are skipped. */
export async function readPromptFiles(dir: string): Promise<LocalFile[]> {
  const out: LocalFile[] = [];
  const walk = async (sub: string) => {
    const entries = await readdir(path.join(dir, sub), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const relative = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(relative);
      else if (entry.isFile() && EXTENSIONS.includes(path.extname(entry.name))) {
        const text = await readFile(path.join(dir, relative), 'utf8');
        out.push({ relative, name: relative.slice(0, -path.extname(relative).length), text });
      }
    }
  };
  await walk('');
  return out.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
}

/** Writes a prompt's file (creating its folders); false when the file already held this text. */
export async function writePromptFile(dir: string, name: string, text: string): Promise<boolean> {
  const file = path.join(dir, ...promptFilePath(name).split('/'));
  const before = await readFile(file, 'utf8').catch(() => undefined);
  if (before === text) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, 'utf8');
  return true;
}
