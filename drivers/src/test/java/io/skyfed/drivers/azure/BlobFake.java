package io.skyfed.drivers.azure;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.skyfed.drivers.fakes.StatefulFake;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Blob service (REST API version 2021-08-06) of one storage account, path-style as Azurite serves it
 * ({@code /account/container/blob}): containers, block blobs put in one request, properties, metadata, copy onto
 * itself, and the XML listings the reference documents. Requests need a bearer token the {@link ArmFake} issued.
 */
public final class BlobFake extends StatefulFake {

    public static final String NAME = "blob-fake";
    static final String ACCOUNT = "skyfedstore";
    private static final String DATE = "Thu, 26 Nov 2026 12:00:00 GMT";

    private record StoredBlob(byte[] data, String contentType, Map<String, String> metadata, String etag) {
    }

    private final ArmFake tokens;
    private final Map<String, Map<String, StoredBlob>> containers = new TreeMap<>();

    BlobFake(ArmFake tokens) {
        super(NAME);
        this.tokens = tokens;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !tokens.accepts(authorization.substring(7))) {
            return error(403, "AuthenticationFailed", "Server failed to authenticate the request.");
        }
        String path = URLDecoder.decode(request.getUrl().split("\\?")[0], StandardCharsets.UTF_8);
        String[] parts = path.substring(1).split("/", 3);
        String method = request.getMethod().getName();
        String restype = query(request, "restype");
        String comp = query(request, "comp");
        if (parts.length == 1) {
            return "list".equals(comp) ? xml(listContainers()) : error(400, "InvalidQueryParameterValue", comp);
        }
        String container = parts[1];
        Map<String, StoredBlob> blobs = containers.get(container);
        if (parts.length == 2 || "container".equals(restype)) {
            switch (method) {
                case "PUT" -> {
                    if (blobs != null) {
                        return error(409, "ContainerAlreadyExists", "The specified container already exists.");
                    }
                    containers.put(container, new TreeMap<>());
                    return ok(201).build();
                }
                case "DELETE" -> {
                    if (blobs == null) {
                        return error(404, "ContainerNotFound", "The specified container does not exist.");
                    }
                    containers.remove(container);
                    return ok(202).build();
                }
                default -> {
                    if (blobs == null) {
                        return error(404, "ContainerNotFound", "The specified container does not exist.");
                    }
                    return "list".equals(comp) ? xml(listBlobs(container, blobs))
                            : ok(200).withHeader("ETag", "\"0x8DBEE0000000000\"").build();
                }
            }
        }
        if (blobs == null) {
            return error(404, "ContainerNotFound", "The specified container does not exist.");
        }
        String name = parts[2];
        StoredBlob blob = blobs.get(name);
        switch (method) {
            case "PUT" -> {
                if ("metadata".equals(comp) || "properties".equals(comp)) {
                    if (blob == null) {
                        return error(404, "BlobNotFound", "The specified blob does not exist.");
                    }
                    StoredBlob changed = "metadata".equals(comp)
                            ? new StoredBlob(blob.data, blob.contentType, metadata(request), etag())
                            : new StoredBlob(blob.data, header(request, "x-ms-blob-content-type", blob.contentType),
                                    blob.metadata, etag());
                    blobs.put(name, changed);
                    return ok(200).withHeader("ETag", changed.etag).build();
                }
                String source = request.getHeader("x-ms-copy-source");
                if (source != null) {
                    String[] from = URLDecoder.decode(source.replaceFirst("^https?://[^/]+", ""),
                            StandardCharsets.UTF_8).substring(1).split("/", 3);
                    StoredBlob original = containers.getOrDefault(from[1], Map.of()).get(from[2]);
                    if (original == null) {
                        return error(404, "CannotVerifyCopySource", "The specified blob does not exist.");
                    }
                    Map<String, String> meta = metadata(request);
                    StoredBlob copy = new StoredBlob(original.data, original.contentType,
                            meta.isEmpty() ? original.metadata : meta, etag());
                    blobs.put(name, copy);
                    return ok(202).withHeader("ETag", copy.etag).withHeader("x-ms-copy-id", "c0py-1d")
                            .withHeader("x-ms-copy-status", "success").build();
                }
                if (!"BlockBlob".equals(request.getHeader("x-ms-blob-type"))) {
                    return error(400, "MissingRequiredHeader", "An HTTP header that's mandatory for this request "
                            + "is not specified: x-ms-blob-type.");
                }
                byte[] data = request.getBody();
                StoredBlob stored = new StoredBlob(data, header(request, "x-ms-blob-content-type",
                        header(request, "Content-Type", "application/octet-stream")), metadata(request), etag());
                blobs.put(name, stored);
                return ok(201).withHeader("ETag", stored.etag)
                        .withHeader("Content-MD5", Base64.getEncoder().encodeToString(
                                java.util.HexFormat.of().parseHex(md5(data)))).build();
            }
            case "DELETE" -> {
                if (blobs.remove(name) == null) {
                    return error(404, "BlobNotFound", "The specified blob does not exist.");
                }
                return ok(202).build();
            }
            default -> {
                if (blob == null) {
                    return error(404, "BlobNotFound", "The specified blob does not exist.");
                }
                ResponseDefinitionBuilder answer = ok(200).withHeader("Content-Type", blob.contentType)
                        .withHeader("Content-Length", String.valueOf(blob.data.length))
                        .withHeader("ETag", blob.etag).withHeader("x-ms-blob-type", "BlockBlob")
                        .withHeader("x-ms-lease-status", "unlocked").withHeader("x-ms-lease-state", "available");
                blob.metadata.forEach((k, v) -> answer.withHeader("x-ms-meta-" + k, v));
                return method.equals("HEAD") ? answer.build() : answer.withBody(blob.data).build();
            }
        }
    }

    private String listContainers() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults "
                + "ServiceEndpoint=\"http://127.0.0.1/" + ACCOUNT + "\"><Containers>");
        containers.keySet().forEach(c -> xml.append("<Container><Name>").append(c).append("</Name><Properties>"
                + "<Last-Modified>" + DATE + "</Last-Modified><Etag>\"0x8DBEE0000000000\"</Etag>"
                + "<LeaseStatus>unlocked</LeaseStatus><LeaseState>available</LeaseState></Properties>"
                + "</Container>"));
        return xml.append("</Containers><NextMarker /></EnumerationResults>").toString();
    }

    private static String listBlobs(String container, Map<String, StoredBlob> blobs) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults "
                + "ServiceEndpoint=\"http://127.0.0.1/" + ACCOUNT + "\" ContainerName=\"" + container + "\"><Blobs>");
        blobs.forEach((name, b) -> {
            xml.append("<Blob><Name>").append(name).append("</Name><Properties><Last-Modified>").append(DATE)
                    .append("</Last-Modified><Etag>").append(b.etag).append("</Etag><Content-Length>")
                    .append(b.data.length).append("</Content-Length><Content-Type>").append(b.contentType)
                    .append("</Content-Type><Content-MD5>").append(Base64.getEncoder().encodeToString(
                            java.util.HexFormat.of().parseHex(md5(b.data))))
                    .append("</Content-MD5><BlobType>BlockBlob</BlobType><LeaseStatus>unlocked</LeaseStatus>"
                            + "<LeaseState>available</LeaseState></Properties><Metadata>");
            b.metadata.forEach((k, v) -> xml.append('<').append(k).append('>').append(v).append("</").append(k)
                    .append('>'));
            xml.append("</Metadata></Blob>");
        });
        return xml.append("</Blobs><NextMarker /></EnumerationResults>").toString();
    }

    private static Map<String, String> metadata(Request request) {
        Map<String, String> meta = new LinkedHashMap<>();
        request.getHeaders().all().forEach(h -> {
            if (h.key().toLowerCase().startsWith("x-ms-meta-")) {
                meta.put(h.key().substring("x-ms-meta-".length()).toLowerCase(), h.firstValue());
            }
        });
        return meta;
    }

    private static String header(Request request, String name, String otherwise) {
        String value = request.getHeader(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    private static String query(Request request, String key) {
        QueryParameter p = request.queryParameter(key);
        return p.isPresent() ? p.firstValue() : null;
    }

    private static String etag() {
        return "\"0x8DBEE" + Long.toHexString(System.nanoTime()).toUpperCase() + "\"";
    }

    private static ResponseDefinitionBuilder ok(int status) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Last-Modified", DATE).withHeader("x-ms-version", "2021-08-06");
    }

    private static ResponseDefinition xml(String body) {
        return ok(200).withHeader("Content-Type", "application/xml").withBody(body).build();
    }

    private static ResponseDefinition error(int status, String code, String message) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/xml").withHeader("x-ms-error-code", code)
                .withBody("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>" + code + "</Code><Message>"
                        + message + "</Message></Error>").build();
    }
}
