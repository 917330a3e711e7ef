import { describe, expect, it } from 'vitest';
import { detectTransferFormat, exportFileName, transferContentType } from './prompt-transfer';

describe('prompt transfer', () => {
  it('detects the format from the file name, then the content', () => {
    expect(detectTransferFormat('{}', 'a.yaml')).toBe('yaml');
    expect(detectTransferFormat('format: x', 'a.JSON')).toBe('json');
    expect(detectTransferFormat('  {"format": 1}')).toBe('json');
    expect(detectTransferFormat('format: promptops.prompts/v1')).toBe('yaml');
  });

  it('names files and content types', () => {
    expect(exportFileName('support/email/reply', 'yaml')).toBe('support-email-reply.prompt.yaml');
    expect(exportFileName(null, 'json')).toBe('prompts.json');
    expect(transferContentType('yaml')).toBe('application/yaml');
  });
});
