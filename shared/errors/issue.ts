/**
 * The one error model for expected failures (STYLE.md §5).
 *
 * An `Issue` is a value: a stable kebab-case `code` that programs match on, a Vietnamese `message` that tells the
 * person what to do, and optionally the `path` of the offending field and the `params` that filled the message.
 * Each area declares its codes and messages with `defineIssues`, so the set of codes is a typed union and the
 * Vietnamese text lives in exactly one place per code. Bugs are thrown `Error`s, never issues.
 */
export type Issue<C extends string = string> = {
  readonly code: C;
  readonly message: string;
  readonly path?: string;
  readonly params?: Readonly<Record<string, string | number>>;
};

type MessageTemplate = string;

/** A catalogue maps each stable code to a Vietnamese message template with `{param}` placeholders. */
export type IssueCatalogue<C extends string> = Readonly<Record<C, MessageTemplate>>;

export type IssueFactory<C extends string> = (
  code: C,
  params?: Readonly<Record<string, string | number>>,
  path?: string,
) => Issue<C>;

/** Declares an area's codes; returns a factory that builds issues with their Vietnamese message filled in. */
export function defineIssues<const C extends string>(catalogue: IssueCatalogue<C>): IssueFactory<C> {
  return (code, params, path) => {
    const template = catalogue[code];
    const message = template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params?.[name];
      return value === undefined ? whole : String(value);
    });
    return {
      code,
      message,
      ...(path === undefined ? {} : { path }),
      ...(params === undefined ? {} : { params }),
    };
  };
}
