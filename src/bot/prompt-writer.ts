// Discussion questions written by a language model, as an interface: /discuss asks for them when
// one is configured and falls back to its own offline questions on any failure, so the command
// never depends on the network. The implementation (an OpenAI-compatible client) is wired in by
// main.ts and the terminal.

export interface PromptRequest {
  /** The passage the group discusses, as served. */
  passage: { text: string; title: string; speaker?: string; section?: string };
  /** The passages before and after it, for context; quotations may come from these too. */
  neighbours: string[];
}

export interface WrittenPrompts {
  questions: string[];
  /** Which model wrote them, for the reply's note ("Questions by llama3.1:8b"). */
  model: string;
}

export interface PromptWriter {
  /**
   * Questions for the passage. Rejects on any error, a timeout, or an answer that quotes the
   * text unfaithfully; the rejection's message says which, for the reply's note and the log.
   */
  write(request: PromptRequest): Promise<WrittenPrompts>;
}
