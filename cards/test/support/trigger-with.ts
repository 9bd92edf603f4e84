import type { UnknownComponentProps } from '@hubspot/ui-extensions';
import type { RenderedElementNode } from '@hubspot/ui-extensions/testing';

type EventArg<P, K extends keyof P> = NonNullable<P[K]> extends (arg: infer A, ...rest: never[]) => unknown ? A : never;

/**
 * `trigger` with a typed argument: the testing library types `trigger`'s argument as the handler
 * itself, so passing the value an input reports (a string, a number) would not type-check.
 */
export function triggerWith<P extends UnknownComponentProps, K extends keyof P & string>(
  node: RenderedElementNode<P>,
  event: K,
  arg: EventArg<P, K>,
): void {
  (node.trigger as (event: string, arg: unknown) => void)(event, arg);
}
