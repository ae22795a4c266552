/** The part of `fs-native-extensions` (which ships no types) that the database lock uses. */
declare module 'fs-native-extensions' {
  /** Takes an exclusive (default) or shared lock on an open file without waiting; false when another holder has it. */
  export function tryLock(fd: number, offset?: number, length?: number, options?: { shared?: boolean }): boolean;
  /** Releases a lock taken on `fd`. */
  export function unlock(fd: number, offset?: number, length?: number): void;
}
