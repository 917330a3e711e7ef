/** Saves a fetched file (fetched with the bearer token, which a plain link would not carry). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileName;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    // Revoke later, not now: browsers may start reading the blob after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
