// Validates CloudNativePG resources (a JSON array on stdin) with the validators @kubernetes-models/cloudnative-pg
// generates from CloudNativePG's API types. Prints a JSON array with, for each resource, the list of its problems.
//
// The generated validators ignore fields they do not know, but the API server prunes them, so a misspelt field
// would silently vanish. They do read every field their schema declares, so each object is wrapped in a proxy that
// records the keys read; a key never read, in an object whose keys were not enumerated (a map), is unknown.
import { Cluster } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster";

const MODELS = { "postgresql.cnpg.io/v1/Cluster": Cluster };
// Real fields that the package's generated schemas leave out (seen in 2.0.0), so its validators never read them.
// They are accepted by name; their values go unchecked.
const NOT_IN_PACKAGE_SCHEMA = { Cluster: new Set(["spec.description"]) };

function watched(value, path, objects) {
    if (value === null || typeof value !== "object") {
        return value;
    }
    // One proxy per object, so reads through repeated accesses add up.
    const known = objects.find((record) => record.value === value);
    if (known) {
        return known.proxy;
    }
    const record = { path, value, read: new Set(), enumerated: false };
    objects.push(record);
    record.proxy = new Proxy(value, {
        get(target, key, receiver) {
            const child = Reflect.get(target, key, receiver);
            if (typeof key !== "string" || !Object.hasOwn(target, key)) {
                return child;
            }
            record.read.add(key);
            return watched(child, `${path}.${key}`, objects);
        },
        has(target, key) {
            record.read.add(key);
            return Reflect.has(target, key);
        },
        ownKeys(target) {
            record.enumerated = true;
            return Reflect.ownKeys(target);
        },
    });
    return record.proxy;
}

function problems(object) {
    const model = MODELS[`${object.apiVersion}/${object.kind}`];
    if (!model) {
        return [`no CloudNativePG model for ${object.apiVersion} ${object.kind}`];
    }
    const objects = [];
    const validate = model.prototype.validate;
    const found = [];
    try {
        validate.call(watched(object, "", objects));
    } catch (error) {
        if (!Array.isArray(error.errors)) {
            throw error;
        }
        // One entry per schema violation, at its JSON pointer (as a dotted path, like the unknown fields below).
        found.push(...error.errors.map((e) => `${e.instancePath.slice(1).replaceAll("/", ".")}: ${e.message}`));
    }
    for (const { path, value, read, enumerated } of objects) {
        // metadata is parsed strictly as a Kubernetes ObjectMeta by the Java side.
        if (Array.isArray(value) || enumerated || path === ".metadata" || path.startsWith(".metadata.")) {
            continue;
        }
        for (const key of Object.keys(value)) {
            const field = `${path}.${key}`.replace(/^\./, "");
            if (!read.has(key) && !NOT_IN_PACKAGE_SCHEMA[object.kind]?.has(field)) {
                found.push(`${field}: unknown field`);
            }
        }
    }
    return found;
}

const input = JSON.parse(await new Promise((resolve, reject) => {
    let text = "";
    process.stdin.setEncoding("utf8").on("data", (chunk) => (text += chunk)).on("end", () => resolve(text)).on("error", reject);
}));
console.log(JSON.stringify(input.map(problems)));
