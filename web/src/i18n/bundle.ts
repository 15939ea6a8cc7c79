/** A feature's strings in both languages; the en half must have exactly the keys of the zh half. */
export type Strings = { [key: string]: string | Strings };

export function bundle<const Zh extends Strings>(zh: Zh, en: Zh extends Strings ? { [K in keyof Zh]: Zh[K] extends string ? string : Zh[K] extends Strings ? DeepStrings<Zh[K]> : never } : never) {
  return { zh, en };
}

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
