/**
 * Answers loaded once per provider process and shared by every resource in it. Failed loads are forgotten,
 * so a transient error costs one preview, not the process.
 */
export class Memo {
  private readonly entries = new Map<string, Promise<unknown>>();

  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = load();
      this.entries.set(key, entry);
      entry.catch(() => this.entries.delete(key));
    }
    return entry;
  }
}
