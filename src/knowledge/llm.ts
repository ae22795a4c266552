/**
 * The OpenAI-compatible client (OpenAI, a local Ollama or vLLM) used for embeddings and
 * answers, built from the settings. Absent when `OPENAI_API_KEY` is not set: the knowledge base
 * then works without embeddings and answers extractively.
 *
 * @example
 * const llm = llmFromConfig(config); // undefined without OPENAI_API_KEY
 * const vectors = await llm?.embed(['khởi nghiệp']);
 */
import OpenAI from 'openai';
import type { Config } from '../config.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface Llm {
  readonly chatModel: string;
  readonly embeddingModel: string;
  /** One vector per text, in order; batched by the caller. */
  embed(texts: string[]): Promise<number[][]>;
  /** The assistant's reply to the messages (temperature 0). */
  chat(messages: ChatMessage[]): Promise<string>;
}

/** Raised when the LLM endpoint fails; callers fall back to the extractive path. */
export class LlmError extends Error {
  readonly code = 'KB_LLM_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'LlmError';
  }
}

/** Builds the client from `OPENAI_*` settings, or undefined when no key is configured. */
export function llmFromConfig(config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_CHAT_MODEL' | 'OPENAI_EMBEDDING_MODEL'>): Llm | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  const client = new OpenAI({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, maxRetries: 1, timeout: 20_000 });
  return {
    chatModel: config.OPENAI_CHAT_MODEL,
    embeddingModel: config.OPENAI_EMBEDDING_MODEL,
    async embed(texts) {
      try {
        const res = await client.embeddings.create({ model: config.OPENAI_EMBEDDING_MODEL, input: texts });
        return [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      } catch (error) {
        throw new LlmError(`embeddings failed: ${(error as Error).message}`);
      }
    },
    async chat(messages) {
      try {
        const res = await client.chat.completions.create({ model: config.OPENAI_CHAT_MODEL, messages, temperature: 0 });
        return res.choices[0]?.message?.content ?? '';
      } catch (error) {
        throw new LlmError(`chat failed: ${(error as Error).message}`);
      }
    },
  };
}
