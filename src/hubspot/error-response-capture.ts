/** An HTTP answer HubSpot gave with status ≥ 400, as it came over the wire. */
export interface ErrorResponse {
  status: number;
  /** Lower-cased names, as node-fetch gives them. */
  headers: Record<string, string>;
  text: string;
}

interface ResponseContextLike {
  httpStatusCode: number;
  headers: Record<string, string>;
  body: { text(): Promise<string>; binary(): Promise<Buffer> };
}

export interface ErrorResponseCapture {
  /** SDK middleware (`new Client({ middleware: [capture.middleware] })`). */
  middleware: { pre(context: unknown): unknown; post(context: unknown): unknown };
  /** The last error answer seen by this client, if any. */
  last(): ErrorResponse | undefined;
}

/**
 * Keeps the raw body of error answers. The SDK deserialises every error body into its `Error`
 * model, which drops fields it does not know — among them `policyName`, the only way to tell a
 * DAILY 429 from a ten-secondly one — and throws a plain Error when there is no Content-Type.
 */
export function createErrorResponseCapture(): ErrorResponseCapture {
  let last: ErrorResponse | undefined;
  return {
    middleware: {
      pre: (context) => context,
      post: async (context) => {
        const response = context as ResponseContextLike;
        if (response.httpStatusCode < 400) return response;
        const text = await response.body.text();
        last = { status: response.httpStatusCode, headers: { ...response.headers }, text };
        response.body = { text: async () => text, binary: async () => Buffer.from(text) };
        return response;
      },
    },
    last: () => last,
  };
}
