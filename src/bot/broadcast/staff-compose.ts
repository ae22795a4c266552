/**
 * `/broadcast` in the staff group (admins only): compose an announcement step by step.
 */
import type { Turn } from '../turn.js';

/** Handles staff-group turns that belong to the composer; passes the rest on. */
export async function composeHandler(turn: Turn, next: () => Promise<void>): Promise<void> {
  return next();
}
