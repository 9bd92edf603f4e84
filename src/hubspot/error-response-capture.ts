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

/** The per-call options argument every SDK method takes last (`PromiseConfigurationOptions`). */
export interface SdkCallOptions {
  middleware: { pre<C>(context: C): Promise<C>; post<C>(context: C): Promise<C> }[];
}

export interface ErrorResponseCapture {
  /** Pass as the SDK method's last argument. */
  options: SdkCallOptions;
  /** The error answer the call got, if any. */
  last(): ErrorResponse | undefined;
}

/**
 * Keeps the status, headers and raw body of an error answer. Without it, an error answer that has no
 * Content-Type (a bare 502/503 from a proxy) makes the SDK throw a plain "Cannot parse content" Error
 * with no status at all. It has to be per-call middleware: in @hubspot/api-client 13 the generated APIs
 * ignore the `middleware` given to `new Client()` and only run the one passed with the call.
 */
export function createErrorResponseCapture(): ErrorResponseCapture {
  let last: ErrorResponse | undefined;
  return {
    options: {
      middleware: [
        {
          pre: async (context) => context,
          post: async (context) => {
            const response = context as unknown as ResponseContextLike;
            if (response.httpStatusCode < 400) return context;
            const text = await response.body.text();
            last = { status: response.httpStatusCode, headers: { ...response.headers }, text };
            response.body = { text: async () => text, binary: async () => Buffer.from(text) };
            return context;
          },
        },
      ],
    },
    last: () => last,
  };
}
