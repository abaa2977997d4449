package io.skyfed.drivers.google;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.skyfed.drivers.fakes.StatefulFake;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stateful Google Cloud Storage JSON API v1 behind WireMock: buckets (list, insert, get, delete), objects (list,
 * get, {@code alt=media} download, delete, copyTo) and multipart uploads ({@code multipart/related}: a JSON
 * metadata part, then the media), answering with the resources of the Cloud Storage JSON API reference. It accepts
 * the bearer tokens {@link GceFake}'s token endpoint issued.
 */
final class GcsFake extends StatefulFake {

    static final String NAME = "gcs-fake";

    private record StoredObject(String bucket, String name, String contentType, Map<String, String> metadata,
                                byte[] data, long generation) {
    }

    private final GceFake tokens;
    private final Map<String, Map<String, StoredObject>> buckets = new TreeMap<>();
    private long generation = 1_700_000_000_000_000L;
    private String base;

    GcsFake(GceFake tokens) {
        super(NAME);
        this.tokens = tokens;
        buckets.put("skyfed-test-images", new TreeMap<>());
    }

    /** The object's content, or null (for {@link GceFake}'s images.insert). */
    synchronized byte[] content(String bucket, String object) {
        StoredObject stored = buckets.getOrDefault(bucket, Map.of()).get(object);
        return stored == null ? null : stored.data();
    }

    synchronized List<String> objectNames(String bucket) {
        return List.copyOf(buckets.getOrDefault(bucket, Map.of()).keySet());
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        if (!tokens.issued(request.getHeader("Authorization"))) {
            return error(401, "required", "Anonymous caller does not have storage.objects.get access.");
        }
        URI url = URI.create(request.getAbsoluteUrl());
        base = url.getScheme() + "://" + url.getAuthority();
        Map<String, String> query = GceFake.query(url.getRawQuery());
        String method = request.getMethod().getName();
        String path = url.getRawPath();
        if (path.startsWith("/upload/storage/v1/b/")) {
            String[] p = path.substring("/upload/storage/v1/b/".length()).split("/");
            return upload(decode(p[0]), request);
        }
        if (!path.startsWith("/storage/v1/b")) {
            return error(404, "notFound", "Not Found");
        }
        String rest = path.substring("/storage/v1/b".length());
        String[] p = rest.isEmpty() ? new String[0] : rest.substring(1).split("/");
        if (p.length == 0) {
            return method.equals("POST") ? createBucket(request) : listBuckets();
        }
        String bucket = decode(p[0]);
        Map<String, StoredObject> objects = buckets.get(bucket);
        if (objects == null) {
            return error(404, "notFound", "The specified bucket does not exist.");
        }
        if (p.length == 1) {
            if (method.equals("DELETE")) {
                if (!objects.isEmpty()) {
                    return error(409, "conflict", "The bucket you tried to delete is not empty.");
                }
                buckets.remove(bucket);
                return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
            }
            return json(bucketJson(bucket));
        }
        if (p.length == 2) {
            JsonObject list = new JsonObject();
            list.addProperty("kind", "storage#objects");
            JsonArray items = new JsonArray();
            objects.values().forEach(o -> items.add(objectJson(o)));
            list.add("items", items);
            return json(list);
        }
        String name = decode(p[2]);
        StoredObject object = objects.get(name);
        if (object == null) {
            return error(404, "notFound", "No such object: " + bucket + "/" + name);
        }
        if (p.length == 8 && p[3].equals("copyTo")) {
            String toBucket = decode(p[5]);
            String toName = decode(p[7]);
            if (!buckets.containsKey(toBucket)) {
                return error(404, "notFound", "The destination bucket does not exist.");
            }
            JsonObject template = request.getBodyAsString().isBlank() ? new JsonObject()
                    : JsonParser.parseString(request.getBodyAsString()).getAsJsonObject();
            String type = template.has("contentType") ? template.get("contentType").getAsString()
                    : object.contentType();
            Map<String, String> metadata = template.has("metadata") ? strings(template.getAsJsonObject("metadata"))
                    : object.metadata();
            StoredObject copy = new StoredObject(toBucket, toName, type, metadata, object.data(), ++generation);
            buckets.get(toBucket).put(toName, copy);
            return json(objectJson(copy));
        }
        if (method.equals("DELETE")) {
            objects.remove(name);
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        }
        if (!method.equals("GET")) {
            return error(405, "methodNotAllowed", method + " is not allowed on an object");
        }
        if ("media".equals(query.get("alt"))) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", object.contentType())
                    .withHeader("Content-Length", Integer.toString(object.data().length))
                    .withBody(object.data()).build();
        }
        return json(objectJson(object));
    }

    private ResponseDefinition listBuckets() {
        JsonObject list = new JsonObject();
        list.addProperty("kind", "storage#buckets");
        JsonArray items = new JsonArray();
        buckets.keySet().forEach(b -> items.add(bucketJson(b)));
        list.add("items", items);
        return json(list);
    }

    private ResponseDefinition createBucket(Request request) {
        String name = JsonParser.parseString(request.getBodyAsString()).getAsJsonObject().get("name").getAsString();
        if (!name.matches("[a-z0-9][-a-z0-9_.]{1,61}[a-z0-9]")) {
            return error(400, "invalid", "Invalid bucket name: '" + name + "'");
        }
        if (buckets.containsKey(name)) {
            return error(409, "conflict", "Your previous request to create the named bucket succeeded and you "
                    + "already own it.");
        }
        buckets.put(name, new TreeMap<>());
        return json(bucketJson(name));
    }

    /** {@code multipart/related}: the object resource as JSON, then its media. */
    private ResponseDefinition upload(String bucket, Request request) {
        Map<String, StoredObject> objects = buckets.get(bucket);
        if (objects == null) {
            return error(404, "notFound", "The specified bucket does not exist.");
        }
        String contentType = request.getHeader("Content-Type");
        String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length()).trim();
        List<byte[]> parts = parts(request.getBody(), boundary);
        JsonObject resource = JsonParser.parseString(new String(parts.get(0), StandardCharsets.UTF_8))
                .getAsJsonObject();
        String name = resource.get("name").getAsString();
        StoredObject object = new StoredObject(bucket, name, resource.has("contentType")
                ? resource.get("contentType").getAsString() : "application/octet-stream",
                resource.has("metadata") ? strings(resource.getAsJsonObject("metadata")) : Map.of(), parts.get(1),
                ++generation);
        objects.put(name, object);
        return json(objectJson(object));
    }

    /** The bodies of a multipart entity's parts (RFC 2046 5.1), headers stripped. */
    private static List<byte[]> parts(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> parts = new java.util.ArrayList<>();
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII), start
                    + delimiter.length);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            parts.add(Arrays.copyOfRange(body, headersEnd + 4, next));
            start = next + 2;
        }
        return parts;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private JsonObject bucketJson(String name) {
        JsonObject bucket = new JsonObject();
        bucket.addProperty("kind", "storage#bucket");
        bucket.addProperty("id", name);
        bucket.addProperty("selfLink", base + "/storage/v1/b/" + name);
        bucket.addProperty("projectNumber", "328417582932");
        bucket.addProperty("name", name);
        bucket.addProperty("timeCreated", "2026-11-26T12:00:00.000Z");
        bucket.addProperty("updated", "2026-11-26T12:00:00.000Z");
        bucket.addProperty("metageneration", "1");
        bucket.addProperty("location", "US-CENTRAL1");
        bucket.addProperty("storageClass", "STANDARD");
        bucket.addProperty("etag", "CAE=");
        return bucket;
    }

    private JsonObject objectJson(StoredObject o) {
        JsonObject object = new JsonObject();
        object.addProperty("kind", "storage#object");
        object.addProperty("id", o.bucket() + "/" + o.name() + "/" + o.generation());
        object.addProperty("selfLink", base + "/storage/v1/b/" + o.bucket() + "/o/" + encode(o.name()));
        object.addProperty("mediaLink", base + "/download/storage/v1/b/" + o.bucket() + "/o/" + encode(o.name())
                + "?generation=" + o.generation() + "&alt=media");
        object.addProperty("name", o.name());
        object.addProperty("bucket", o.bucket());
        object.addProperty("generation", Long.toString(o.generation()));
        object.addProperty("metageneration", "1");
        object.addProperty("contentType", o.contentType());
        object.addProperty("storageClass", "STANDARD");
        object.addProperty("size", Integer.toString(o.data().length));
        object.addProperty("md5Hash", Base64.getEncoder().encodeToString(digest(o.data())));
        object.addProperty("crc32c", "AAAAAA==");
        object.addProperty("etag", "CPjl" + o.generation());
        object.addProperty("timeCreated", "2026-11-26T12:00:00.000Z");
        object.addProperty("updated", "2026-11-26T12:00:00.000Z");
        JsonObject metadata = new JsonObject();
        o.metadata().forEach(metadata::addProperty);
        object.add("metadata", metadata);
        return object;
    }

    private static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> strings(JsonObject json) {
        Map<String, String> values = new LinkedHashMap<>();
        json.entrySet().forEach(e -> values.put(e.getKey(), e.getValue().getAsString()));
        return values;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String name) {
        return java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ResponseDefinition json(JsonObject body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body.toString()).build();
    }

    private static ResponseDefinition error(int status, String reason, String message) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody(GceFake.errorJson(status, reason, message)).build();
    }
}
