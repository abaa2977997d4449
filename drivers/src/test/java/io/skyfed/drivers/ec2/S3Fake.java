package io.skyfed.drivers.ec2;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.skyfed.drivers.fakes.StatefulFake;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful S3 REST API (path-style addressing) behind WireMock, answering with the XML documented in the Amazon S3
 * API reference: buckets, objects with user metadata, ListObjects with prefix and delimiter, and the aws-chunked
 * payload encoding that SigV4 streaming uploads use.
 */
public final class S3Fake extends StatefulFake {

    public static final String NAME = "s3-fake";
    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    record StoredObject(byte[] data, Map<String, String> userMetadata, String contentType, String etag) {
    }

    private final Map<String, TreeMap<String, StoredObject>> buckets = new TreeMap<>();

    public S3Fake() {
        super(NAME);
    }
    private final AtomicInteger puts = new AtomicInteger();



    public int objectWrites() {
        return puts.get();
    }

    /** What is stored under the key, or null: how VM Import reads the disk it was pointed at. */
    synchronized byte[] object(String bucket, String key) {
        TreeMap<String, StoredObject> objects = buckets.get(bucket);
        StoredObject object = objects == null ? null : objects.get(key);
        return object == null ? null : object.data();
    }

    /** Stores an object as a provider-side writer (VM Export) does; the bucket must exist. */
    synchronized boolean store(String bucket, String key, byte[] data) {
        TreeMap<String, StoredObject> objects = buckets.get(bucket);
        if (objects == null) {
            return false;
        }
        objects.put(key, new StoredObject(data, Map.of(), "application/octet-stream", md5(data)));
        return true;
    }

    /** The keys in a bucket, to show what a transfer left behind. */
    synchronized List<String> keys(String bucket) {
        TreeMap<String, StoredObject> objects = buckets.get(bucket);
        return objects == null ? List.of() : List.copyOf(objects.keySet());
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        if (!Ec2Fake.signedBy(request, Ec2Fake.ACCESS_KEY)) {
            return error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        }
        URI uri = URI.create(request.getUrl());
        String path = URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8);
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        String[] parts = path.substring(1).split("/", 2);
        String bucket = parts[0];
        String key = parts.length > 1 ? parts[1] : "";
        String method = request.getMethod().getName();
        if (bucket.isEmpty()) {
            return listBuckets();
        }
        if (key.isEmpty()) {
            return switch (method) {
                case "PUT" -> createBucket(bucket);
                case "HEAD" -> buckets.containsKey(bucket) ? ok().build() : noSuchBucket(bucket);
                case "DELETE" -> deleteBucket(bucket);
                default -> query.contains("location") ? location(bucket) : listObjects(bucket, query);
            };
        }
        TreeMap<String, StoredObject> objects = buckets.get(bucket);
        if (objects == null) {
            return noSuchBucket(bucket);
        }
        return switch (method) {
            case "PUT" -> request.containsHeader("x-amz-copy-source") ? copyObject(objects, key, request)
                    : putObject(objects, key, request);
            case "DELETE" -> {
                objects.remove(key);
                yield ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
            }
            default -> getObject(objects, key, "HEAD".equals(method));
        };
    }

    private ResponseDefinition listBuckets() {
        StringBuilder xml = new StringBuilder("<ListAllMyBucketsResult xmlns=\"" + NS + "\"><Owner><ID>"
                + "bcaf1ffd86f41161ca5fb16fd081034f</ID><DisplayName>skyfed</DisplayName></Owner><Buckets>");
        buckets.keySet().forEach(b -> xml.append("<Bucket><Name>").append(b)
                .append("</Name><CreationDate>2026-11-26T12:00:00.000Z</CreationDate></Bucket>"));
        return xml(200, xml.append("</Buckets></ListAllMyBucketsResult>").toString());
    }

    private ResponseDefinition createBucket(String bucket) {
        if (buckets.containsKey(bucket)) {
            return error(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket "
                    + "succeeded and you already own it.");
        }
        buckets.put(bucket, new TreeMap<>());
        return ok().withHeader("Location", "/" + bucket).build();
    }

    private ResponseDefinition deleteBucket(String bucket) {
        TreeMap<String, StoredObject> objects = buckets.get(bucket);
        if (objects == null) {
            return noSuchBucket(bucket);
        }
        if (!objects.isEmpty()) {
            return error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty");
        }
        buckets.remove(bucket);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
    }

    private ResponseDefinition location(String bucket) {
        if (!buckets.containsKey(bucket)) {
            return noSuchBucket(bucket);
        }
        return xml(200, "<LocationConstraint xmlns=\"" + NS + "\"/>");
    }

    private ResponseDefinition listObjects(String bucket, String query) {
        TreeMap<String, StoredObject> objects = buckets.get(bucket);
        if (objects == null) {
            return noSuchBucket(bucket);
        }
        Map<String, String> params = new TreeMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String prefix = params.getOrDefault("prefix", "");
        String delimiter = params.getOrDefault("delimiter", "");
        StringBuilder xml = new StringBuilder("<ListBucketResult xmlns=\"" + NS + "\"><Name>").append(bucket)
                .append("</Name><Prefix>").append(Ec2Fake.esc(prefix)).append("</Prefix><Marker/><MaxKeys>1000")
                .append("</MaxKeys><IsTruncated>false</IsTruncated>");
        List<String> commonPrefixes = new ArrayList<>();
        objects.forEach((key, object) -> {
            if (!key.startsWith(prefix)) {
                return;
            }
            int cut = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
            if (cut >= 0) {
                String common = key.substring(0, cut + delimiter.length());
                if (!commonPrefixes.contains(common)) {
                    commonPrefixes.add(common);
                }
                return;
            }
            xml.append("<Contents><Key>").append(Ec2Fake.esc(key)).append("</Key><LastModified>")
                    .append("2026-11-26T12:00:00.000Z</LastModified><ETag>&quot;").append(object.etag())
                    .append("&quot;</ETag><Size>").append(object.data().length).append("</Size><StorageClass>")
                    .append("STANDARD</StorageClass></Contents>");
        });
        commonPrefixes.forEach(p -> xml.append("<CommonPrefixes><Prefix>").append(Ec2Fake.esc(p))
                .append("</Prefix></CommonPrefixes>"));
        return xml(200, xml.append("</ListBucketResult>").toString());
    }

    private ResponseDefinition putObject(TreeMap<String, StoredObject> objects, String key, Request request) {
        byte[] body = request.getBody();
        String encoding = request.getHeader("Content-Encoding");
        String sha = request.getHeader("x-amz-content-sha256");
        if ((encoding != null && encoding.contains("aws-chunked"))
                || (sha != null && sha.startsWith("STREAMING-"))) {
            body = dechunk(body);
        }
        Map<String, String> meta = userMetadata(request);
        String etag = md5(body);
        String type = request.getHeader("Content-Type");
        objects.put(key, new StoredObject(body, meta, type == null ? "application/octet-stream" : type, etag));
        puts.incrementAndGet();
        return ok().withHeader("ETag", "\"" + etag + "\"").build();
    }

    private ResponseDefinition copyObject(TreeMap<String, StoredObject> objects, String key, Request request) {
        String source = URLDecoder.decode(request.getHeader("x-amz-copy-source"), StandardCharsets.UTF_8);
        String[] parts = (source.startsWith("/") ? source.substring(1) : source).split("/", 2);
        TreeMap<String, StoredObject> from = buckets.get(parts[0]);
        StoredObject original = from == null ? null : from.get(parts[1]);
        if (original == null) {
            return error(404, "NoSuchKey", "The specified key does not exist.");
        }
        boolean replace = "REPLACE".equals(request.getHeader("x-amz-metadata-directive"));
        Map<String, String> meta = replace ? userMetadata(request) : original.userMetadata();
        String type = replace && request.getHeader("Content-Type") != null ? request.getHeader("Content-Type")
                : original.contentType();
        objects.put(key, new StoredObject(original.data(), meta, type, original.etag()));
        return xml(200, "<CopyObjectResult xmlns=\"" + NS + "\"><LastModified>2026-11-26T12:30:00.000Z"
                + "</LastModified><ETag>&quot;" + original.etag() + "&quot;</ETag></CopyObjectResult>");
    }

    private static Map<String, String> userMetadata(Request request) {
        Map<String, String> meta = new TreeMap<>();
        for (HttpHeader h : request.getHeaders().all()) {
            if (h.key().toLowerCase().startsWith("x-amz-meta-")) {
                meta.put(h.key().toLowerCase().substring("x-amz-meta-".length()), h.firstValue());
            }
        }
        return meta;
    }

    private ResponseDefinition getObject(TreeMap<String, StoredObject> objects, String key, boolean headOnly) {
        StoredObject object = objects.get(key);
        if (object == null) {
            return headOnly ? ResponseDefinitionBuilder.responseDefinition().withStatus(404).build()
                    : error(404, "NoSuchKey", "The specified key does not exist.");
        }
        List<HttpHeader> headers = new ArrayList<>();
        headers.add(new HttpHeader("ETag", "\"" + object.etag() + "\""));
        headers.add(new HttpHeader("Content-Type", object.contentType()));
        headers.add(new HttpHeader("Content-Length", Integer.toString(object.data().length)));
        headers.add(new HttpHeader("Last-Modified", "Thu, 26 Nov 2026 12:00:00 GMT"));
        object.userMetadata().forEach((k, v) -> headers.add(new HttpHeader("x-amz-meta-" + k, v)));
        ResponseDefinitionBuilder response = ok().withHeaders(new HttpHeaders(headers));
        return (headOnly ? response : response.withBody(object.data())).build();
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < body.length) {
            int lineEnd = indexOfCrlf(body, pos);
            String header = new String(body, pos, lineEnd - pos, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            pos = lineEnd + 2;
            if (size == 0) {
                break;
            }
            out.write(body, pos, size);
            pos += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("malformed aws-chunked body");
    }


    private static ResponseDefinitionBuilder ok() {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("x-amz-request-id", "4442587FB7D0A2F9");
    }

    private static ResponseDefinition noSuchBucket(String bucket) {
        return error(404, "NoSuchBucket", "The specified bucket does not exist: " + bucket);
    }

    static ResponseDefinition error(int status, String code, String message) {
        return xml(status, "<Error><Code>" + code + "</Code><Message>" + Ec2Fake.esc(message) + "</Message>"
                + "<RequestId>4442587FB7D0A2F9</RequestId></Error>");
    }

    private static ResponseDefinition xml(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body).build();
    }
}
