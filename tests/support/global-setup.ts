import { ensureTemplate } from './template.js';

export default async function setup(): Promise<void> {
  await ensureTemplate();
}
