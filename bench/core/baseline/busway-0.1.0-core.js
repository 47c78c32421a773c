// busway 0.1.0's core (dist/core.js of the release before tracing, bundled into one file), kept so
// that `npm run bench` shows what the tracing hooks cost a bus that no inspector watches.
// Generated; not edited by hand.
// dist/chunk-ZBLBMX67.js
function describeIssue({ message, path }) {
  if (path === void 0 || path.length === 0) return message;
  const keys = path.map((segment) => String(typeof segment === "object" ? segment.key : segment));
  return `${keys.join(".")}: ${message}`;
}
var InvalidPayloadError = class extends TypeError {
  /**
   * @param type - the event name.
   * @param issues - the schema's issues; the message lists each one's path and message.
   */
  constructor(type, issues) {
    super(`busway: emit("${type}"): invalid payload: ${issues.map(describeIssue).join("; ")}`);
    this.name = "InvalidPayloadError";
    this.type = type;
    this.issues = issues;
  }
};
function reportUncaught(error) {
  if (typeof reportError === "function") {
    reportError(error);
  } else {
    setTimeout(() => {
      throw error;
    });
  }
}
function show(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  return value !== null && typeof value === "object" ? "an object" : String(value);
}
function badInput(method, argument, expected, value, ErrorType = TypeError) {
  return new ErrorType(`busway: ${method}(): ${argument} must be ${expected}, got ${show(value)}`);
}
function checkType(method, type) {
  if (typeof type !== "string") throw badInput(method, "type", "a string", type);
}
var createDictionary = () => /* @__PURE__ */ Object.create(null);
var DEFAULT_MAX_DEPTH = 100;
var NONE = [];
var noop = () => {
};
function checkHandler(method, handler, argument = "handler") {
  if (typeof handler !== "function") throw badInput(method, argument, "a function", handler);
}
function checkSignal(method, options) {
  if (options == null) return;
  if (typeof options !== "object") throw badInput(method, "options", "an object", options);
  const signal = options.signal;
  if (signal !== void 0 && (typeof signal?.aborted !== "boolean" || typeof signal.addEventListener !== "function" || typeof signal.removeEventListener !== "function")) {
    throw badInput(method, "options.signal", "an AbortSignal", signal);
  }
}
function add(list, subscription) {
  if (list.dispatching) list.subscriptions = [...list.subscriptions, subscription];
  else list.subscriptions.push(subscription);
}
function remove(list, subscription) {
  const index = list.subscriptions.indexOf(subscription);
  if (index < 0) return;
  if (list.dispatching) {
    list.subscriptions = list.subscriptions.filter((other) => other !== subscription);
  } else {
    list.subscriptions.splice(index, 1);
  }
}
function copySchemas(schemas) {
  if (schemas === void 0) return void 0;
  if (schemas === null || typeof schemas !== "object") {
    throw badInput("createEventBus", "options.schemas", "an object", schemas);
  }
  const table = /* @__PURE__ */ Object.create(null);
  for (const [type, schema] of Object.entries(schemas)) {
    if (typeof schema?.["~standard"]?.validate !== "function") {
      throw badInput("createEventBus", `options.schemas["${type}"]`, "a Standard Schema", schema);
    }
    table[type] = schema;
  }
  return table;
}
function validate(schemas, type, payload) {
  const schema = schemas[type];
  if (schema === void 0) return payload;
  const result = schema["~standard"].validate(payload);
  if (typeof result.then === "function") {
    throw new TypeError(
      `busway: emit("${type}"): the schema of "${type}" validates asynchronously, but emit is synchronous; give this event a synchronous schema`
    );
  }
  const { issues, value } = result;
  if (issues) throw new InvalidPayloadError(type, issues);
  return value;
}
function createEventBus(options) {
  if (options !== void 0 && (options === null || typeof options !== "object")) {
    throw badInput("createEventBus", "options", "an object", options);
  }
  const onError = options?.onError;
  if (onError !== void 0) checkHandler("createEventBus", onError, "options.onError");
  const maxDepth = options?.maxDepth === void 0 ? DEFAULT_MAX_DEPTH : options.maxDepth;
  if (!Number.isInteger(maxDepth) || maxDepth < 1) {
    throw badInput("createEventBus", "options.maxDepth", "a positive integer", maxDepth, RangeError);
  }
  const schemas = copySchemas(options?.schemas);
  let entries = createDictionary();
  let anyList = { subscriptions: [], dispatching: 0 };
  let total = 0;
  const chain = [];
  let depth = 0;
  function release(subscription) {
    subscription.active = false;
    total--;
    if (subscription.onAbort !== void 0) {
      subscription.signal.removeEventListener("abort", subscription.onAbort);
      subscription.signal = subscription.onAbort = void 0;
    }
  }
  function end(type, subscription) {
    if (!subscription.active) return;
    release(subscription);
    if (type === void 0) return remove(anyList, subscription);
    const entry = entries[type];
    if (entry === void 0) return;
    remove(entry, subscription);
    if (entry.subscriptions.length === 0 && entry.latest === void 0) delete entries[type];
  }
  function subscribe(method, type, handler, once, subscribeOptions) {
    checkHandler(method, handler);
    checkSignal(method, subscribeOptions);
    const signal = subscribeOptions?.signal;
    if (signal?.aborted) return noop;
    const subscription = {
      handler,
      once,
      active: true,
      signal: void 0,
      onAbort: void 0
    };
    if (type === void 0) {
      add(anyList, subscription);
    } else {
      const entry = entries[type];
      if (entry === void 0) {
        entries[type] = { subscriptions: [subscription], latest: void 0, dispatching: 0 };
      } else {
        if (entry.subscriptions === NONE) entry.subscriptions = [];
        add(entry, subscription);
      }
    }
    total++;
    const unsubscribe = () => end(type, subscription);
    if (signal !== void 0) {
      subscription.signal = signal;
      subscription.onAbort = unsubscribe;
      signal.addEventListener("abort", unsubscribe, { once: true });
    }
    return unsubscribe;
  }
  function report(error, type, payload) {
    if (onError === void 0) return reportUncaught(error);
    try {
      onError(error, { type, payload });
    } catch (onErrorFailure) {
      reportUncaught(onErrorFailure);
    }
  }
  function depthError(type) {
    return new RangeError(
      `busway: emit("${type}") would nest deeper than maxDepth (${maxDepth}); chain: ${[...chain.slice(0, depth), type].join(" \u2192 ")}`
    );
  }
  function deliver(list, snapshot, type, payload, toAny) {
    chain[depth++] = type;
    list.dispatching++;
    try {
      for (let index = 0; index < snapshot.length; index++) {
        const subscription = snapshot[index];
        if (!subscription.active) continue;
        if (subscription.once) end(type, subscription);
        try {
          if (toAny) subscription.handler(type, payload);
          else subscription.handler(payload);
        } catch (error) {
          report(error, type, payload);
        }
      }
    } finally {
      depth--;
      list.dispatching--;
    }
  }
  return {
    on(type, handler, subscribeOptions) {
      checkType("on", type);
      return subscribe("on", type, handler, false, subscribeOptions);
    },
    once(type, handler, subscribeOptions) {
      checkType("once", type);
      return subscribe("once", type, handler, true, subscribeOptions);
    },
    off(type, handler) {
      checkType("off", type);
      checkHandler("off", handler);
      const entry = entries[type];
      if (entry === void 0) return;
      for (const subscription of [...entry.subscriptions]) {
        if (subscription.handler === handler) end(type, subscription);
      }
    },
    onAny: (handler, subscribeOptions) => subscribe("onAny", void 0, handler, false, subscribeOptions),
    emit(type, payload) {
      if (typeof type !== "string") checkType("emit", type);
      if (depth >= maxDepth) throw depthError(type);
      if (schemas !== void 0) payload = validate(schemas, type, payload);
      let entry = entries[type];
      if (entry !== void 0) entry.latest = payload;
      else if (payload !== void 0) {
        entries[type] = entry = { subscriptions: NONE, latest: payload, dispatching: 0 };
      }
      const typed = entry === void 0 || entry.subscriptions.length === 0 ? void 0 : entry;
      const anyAtStart = anyList;
      const anySnapshot = anyAtStart.subscriptions;
      if (anySnapshot.length === 0) {
        if (typed !== void 0) deliver(typed, typed.subscriptions, type, payload, false);
        return;
      }
      anyAtStart.dispatching++;
      try {
        if (typed !== void 0) deliver(typed, typed.subscriptions, type, payload, false);
      } finally {
        anyAtStart.dispatching--;
      }
      deliver(anyAtStart, anySnapshot, type, payload, true);
    },
    latest(type) {
      checkType("latest", type);
      return entries[type]?.latest;
    },
    listenerCount(type) {
      if (type === void 0) return total;
      checkType("listenerCount", type);
      return entries[type]?.subscriptions.length ?? 0;
    },
    clear() {
      for (const type in entries) entries[type].subscriptions.forEach(release);
      anyList.subscriptions.forEach(release);
      entries = createDictionary();
      anyList = { subscriptions: [], dispatching: 0 };
    }
  };
}
export {
  InvalidPayloadError,
  createEventBus
};
