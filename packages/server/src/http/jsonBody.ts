import { BordaError, ErrorCode } from "@borda/protocol";
import type { FastifyInstance } from "fastify";

/**
 * Deepest nesting of arrays and objects a JSON body may have. Code that walks a body
 * recursively (the NUL check, validation, secure-json-parse's prototype check) would
 * overflow the stack near 5,000 levels; no DAG run conf, XCom or return value needs more
 * than a handful, so 256 leaves room for any real document and none for a stack overflow.
 */
export const maxJsonDepth = 256;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Replaces Fastify's JSON body parser with one that refuses, with a 400 that says why,
 * what the default would mangle or crash on later: bytes that are not UTF-8 (the default
 * silently replaces them, so a name could be stored other than as sent) and nesting
 * deeper than `maxJsonDepth`. Everything else is the default parser's: an empty body is
 * refused, and so are `__proto__` and `constructor.prototype` keys. A key given twice
 * keeps its last value, as in JSON.parse and Python's json.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(
        new BordaError(
          ErrorCode.invalidInput,
          "The request body is not valid UTF-8; send JSON encoded as UTF-8.",
        ),
        undefined,
      );
      return;
    }
    if (nestsDeeperThan(text, maxJsonDepth)) {
      done(
        new BordaError(
          ErrorCode.invalidInput,
          `The request body nests arrays and objects more than ${maxJsonDepth} levels deep; flatten it.`,
        ),
        undefined,
      );
      return;
    }
    parseJson(request, text, (error, value) => {
      // The default parser calls a forbidden key invalid JSON; say what it really is.
      if (error && isJson(text)) {
        done(
          new BordaError(
            ErrorCode.invalidInput,
            "The request body has a __proto__ or constructor.prototype key; Borda refuses those.",
          ),
          undefined,
        );
        return;
      }
      done(error, value);
    });
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the arrays and objects of a JSON text nest deeper than `limit`, read in one pass
 * without parsing (and so without recursion); brackets inside strings do not count.
 * Malformed text gets its error from the parser afterwards.
 */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth++;
      if (depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  return false;
}
