/**
 * The staff roster: Telegram user ids allowed to act in the staff workspace, with a role.
 *
 * @example
 * const role = await staffRole(store, '123456789'); // 'admin' | 'staff' | null
 * if (!role) return refuse();
 */
import type { Store } from '../../store/store.js';

export type StaffRole = 'admin' | 'staff';

export interface StaffMember {
  id: number;
  telegram_user_id: string;
  role: StaffRole;
  display_name: string | null;
  created_at: string;
}

/**
 * The role of a Telegram user, or null when they are not staff.
 *
 * @example
 * await staffRole(store, 42); // null
 */
export async function staffRole(store: Store, telegramUserId: string | number): Promise<StaffRole | null> {
  const result = await store.call<{ role: StaffRole | null }>('staff_role', { telegram_user_id: String(telegramUserId) });
  return result.role;
}

/**
 * Adds a staff member or changes their role.
 *
 * @example
 * await addStaff(store, '123456789', 'admin', 'Lan');
 */
export function addStaff(store: Store, telegramUserId: string, role: StaffRole, displayName?: string): Promise<StaffMember> {
  return store.call<StaffMember>('staff_add', { telegram_user_id: telegramUserId, role, display_name: displayName ?? null });
}

/**
 * Removes a staff member; returns whether someone was removed.
 *
 * @example
 * await removeStaff(store, '123456789'); // true
 */
export async function removeStaff(store: Store, telegramUserId: string): Promise<boolean> {
  const result = await store.call<{ removed: number }>('staff_remove', { telegram_user_id: telegramUserId });
  return result.removed > 0;
}

/**
 * Everyone on the roster, admins first.
 *
 * @example
 * (await listStaff(store)).map((s) => s.telegram_user_id);
 */
export function listStaff(store: Store): Promise<StaffMember[]> {
  return store.call<StaffMember[]>('staff_list');
}
