/** The client commands' part of `promptops help` (kept free of imports: the help loads it). */
export const CLI_HELP = `Commands that talk to a PromptOps server (PROMPTOPS_URL, PROMPTOPS_API_KEY or --url, --api-key):
  prompts pull --dir DIR                      write one YAML file per prompt (DIR/<name>.yaml)
  prompts push --dir DIR [--message M]        save a new version of each changed file
  prompts promote NAME --version N --label L  move a label, or open a review when it is protected
  eval run --dataset NAME --prompt NAME[@label|#version]… [--model NAME] --evaluator TYPE…
           [--min KEY=VALUE…] [--max KEY=VALUE…] [--json]
                                              run an evaluation; exit 1 when a gate fails
Exit codes: 0 ok, 1 failed (gate, evaluation or server), 2 usage or validation error,
3 not authenticated, 4 server unreachable. See docs/cli.md.`;
