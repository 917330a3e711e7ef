-- Anchor the audit chains that exist already: one unsigned checkpoint per chain at its current
-- head. The server signs them at its next start (trust on first use for history written before
-- checkpoints existed); from then on every audit write moves the signed checkpoint.
INSERT INTO audit_checkpoints (chain_id, seq, head_hash, signature)
SELECT DISTINCT ON (coalesce(org_id, '00000000-0000-0000-0000-000000000000'::uuid))
  coalesce(org_id, '00000000-0000-0000-0000-000000000000'::uuid), seq, hash, NULL
FROM audit_events
ORDER BY coalesce(org_id, '00000000-0000-0000-0000-000000000000'::uuid), seq DESC;
