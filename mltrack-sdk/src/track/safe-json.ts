/**
 * JSON for values `track()` did not choose: arguments and return values. Never throws: cycles,
 * bigints, non-finite numbers, functions, binary data and huge collections become readable markers,
 * so an artifact stays small and valid JSON whatever the user passed.
 */
export interface SafeJsonLimits {
  maxDepth: number;
  maxArrayItems: number;
  maxObjectKeys: number;
  maxStringLength: number;
  /** Values written in all; past it, the rest are markers. */
  maxNodes: number;
}

export const DEFAULT_JSON_LIMITS: SafeJsonLimits = {
  maxDepth: 12,
  maxArrayItems: 1000,
  maxObjectKeys: 1000,
  maxStringLength: 100_000,
  maxNodes: 100_000,
};

export function toJsonValue(value: unknown, limits: SafeJsonLimits = DEFAULT_JSON_LIMITS): unknown {
  const seen = new WeakSet<object>();
  let nodes = 0;

  const visit = (v: unknown, depth: number): unknown => {
    if (++nodes > limits.maxNodes) return "[…]";
    switch (typeof v) {
      case "string":
        return v.length > limits.maxStringLength
          ? `${v.slice(0, limits.maxStringLength)}… [${v.length - limits.maxStringLength} more characters]`
          : v;
      case "number":
        return Number.isFinite(v) ? v : String(v);
      case "boolean":
        return v;
      case "bigint":
        return v.toString();
      case "undefined":
        return null;
      case "symbol":
        return v.toString();
      case "function":
        return `[Function ${v.name || "anonymous"}]`;
    }
    if (v === null) return null;
    const obj = v as object;
    if (seen.has(obj)) return "[Circular]";
    if (depth >= limits.maxDepth) return `[${kindOf(obj)} beyond depth ${limits.maxDepth}]`;
    if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? "Invalid Date" : obj.toISOString();
    if (obj instanceof Error) return { name: obj.name, message: obj.message, stack: obj.stack ?? null };
    if (ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) {
      return `[${kindOf(obj)} of ${obj.byteLength} bytes]`;
    }
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    seen.add(obj);
    try {
      if (typeof toJSON === "function") return visit(toJSON.call(obj), depth + 1);
      if (Array.isArray(obj)) {
        const items = obj.slice(0, limits.maxArrayItems).map((item) => visit(item, depth + 1));
        if (obj.length > limits.maxArrayItems) items.push(`… ${obj.length - limits.maxArrayItems} more items`);
        return items;
      }
      if (obj instanceof Map) return visit(Object.fromEntries([...obj].map(([k, val]) => [String(k), val])), depth);
      if (obj instanceof Set) return visit([...obj], depth);
      const out: Record<string, unknown> = {};
      const keys = Object.keys(obj);
      for (const key of keys.slice(0, limits.maxObjectKeys)) {
        let field: unknown;
        try {
          field = (obj as Record<string, unknown>)[key];
        } catch {
          field = "[unreadable]";
        }
        if (field === undefined || typeof field === "function") continue;
        out[key] = visit(field, depth + 1);
      }
      if (keys.length > limits.maxObjectKeys) out["…"] = `${keys.length - limits.maxObjectKeys} more keys`;
      return out;
    } catch {
      return `[unserializable ${kindOf(obj)}]`;
    } finally {
      seen.delete(obj);
    }
  };

  return visit(value, 0);
}

/** Pretty JSON text of any value (see `toJsonValue`). */
export function safeJsonStringify(value: unknown, limits?: SafeJsonLimits): string {
  return `${JSON.stringify(toJsonValue(value, limits), null, 2) ?? "null"}\n`;
}

function kindOf(obj: object): string {
  return obj.constructor?.name || "Object";
}
