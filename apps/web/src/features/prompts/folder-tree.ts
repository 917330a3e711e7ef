import type { PromptSummary } from '@promptops/contracts';

/** What the prompt list shows inside one folder: its subfolders, its prompts and the path to it. */
export interface FolderView {
  /** '' is the root; otherwise segments joined by '/'. */
  folder: string;
  breadcrumbs: { label: string; folder: string }[];
  folders: { name: string; folder: string; promptCount: number }[];
  prompts: PromptSummary[];
}

/** Normalises a folder path from a URL: no leading, trailing or doubled slashes. */
export function normalizeFolder(folder: string | null | undefined): string {
  return (folder ?? '').split('/').filter(Boolean).join('/');
}

/** The folder part of a prompt name (`support/email/reply` → `support/email`). */
export function folderOf(name: string): string {
  const cut = name.lastIndexOf('/');
  return cut === -1 ? '' : name.slice(0, cut);
}

/** The last segment of a prompt name, shown as its title inside a folder. */
export function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

export function breadcrumbsFor(folder: string): FolderView['breadcrumbs'] {
  const segments = normalizeFolder(folder).split('/').filter(Boolean);
  return [
    { label: 'All prompts', folder: '' },
    ...segments.map((label, i) => ({ label, folder: segments.slice(0, i + 1).join('/') })),
  ];
}

/**
 * Builds the view of `folder` from a flat list of prompts (names carry the folders). With a
 * search, the matches are listed flat, wherever they live: searching should not require
 * knowing the folder first.
 */
export function buildFolderView(prompts: readonly PromptSummary[], folder: string, search = ''): FolderView {
  const current = normalizeFolder(folder);
  const prefix = current === '' ? '' : `${current}/`;
  const query = search.trim().toLowerCase();
  const inside = prompts.filter((p) => p.name.startsWith(prefix));
  const view: FolderView = {
    folder: current,
    breadcrumbs: breadcrumbsFor(current),
    folders: [],
    prompts: [],
  };
  if (query !== '') {
    view.prompts = inside
      .filter(
        (p) => p.name.toLowerCase().includes(query) || (p.description ?? '').toLowerCase().includes(query),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    return view;
  }
  const counts = new Map<string, number>();
  for (const prompt of inside) {
    const rest = prompt.name.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) view.prompts.push(prompt);
    else {
      const child = rest.slice(0, slash);
      counts.set(child, (counts.get(child) ?? 0) + 1);
    }
  }
  view.folders = [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, promptCount]) => ({ name, folder: `${prefix}${name}`, promptCount }));
  view.prompts.sort((a, b) => a.name.localeCompare(b.name));
  return view;
}
