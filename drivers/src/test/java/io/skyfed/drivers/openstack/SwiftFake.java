package io.skyfed.drivers.openstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.skyfed.drivers.fakes.StatefulFake;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Swift (object storage API v1) behind WireMock, stateful: containers, objects with {@code X-Object-Meta-*},
 * JSON listings with prefix, server-side copy with {@code X-Copy-From}, as the Object Storage API reference documents.
 */
public final class SwiftFake extends StatefulFake {

    public static final String NAME = "swift-fake";
    static final String ACCOUNT_PATH = "/swift/v1/AUTH_" + NovaFake.PROJECT_ID;
    private static final ObjectMapper JSON = new ObjectMapper();

    record StoredObject(byte[] data, String contentType, Map<String, String> metadata, String etag) {
    }

    private final Map<String, TreeMap<String, StoredObject>> containers = new TreeMap<>();

    public SwiftFake() {
        super(NAME);
    }



    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        if (!NovaFake.TOKEN.equals(request.getHeader("X-Auth-Token"))) {
            return status(401);
        }
        URI uri = URI.create(request.getUrl());
        String path = URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8);
        if (!path.startsWith(ACCOUNT_PATH)) {
            return status(404);
        }
        String rest = path.substring(ACCOUNT_PATH.length());
        rest = rest.startsWith("/") ? rest.substring(1) : rest;
        String[] parts = rest.split("/", 2);
        String container = parts[0];
        String object = parts.length > 1 ? parts[1] : "";
        String method = request.getMethod().getName();
        Map<String, String> query = query(uri.getRawQuery());
        if (container.isEmpty()) {
            ArrayNode list = JSON.createArrayNode();
            containers.forEach((name, objects) -> list.addObject().put("name", name).put("count", objects.size())
                    .put("bytes", objects.values().stream().mapToLong(o -> o.data().length).sum())
                    .put("last_modified", "2026-11-26T12:00:00.000000"));
            return json(list.toString());
        }
        TreeMap<String, StoredObject> objects = containers.get(container);
        if (object.isEmpty()) {
            switch (method) {
                case "PUT" -> {
                    if (objects != null) {
                        return status(202);
                    }
                    containers.put(container, new TreeMap<>());
                    return status(201);
                }
                case "DELETE" -> {
                    if (objects == null) {
                        return status(404);
                    }
                    if (!objects.isEmpty()) {
                        return ResponseDefinitionBuilder.responseDefinition().withStatus(409)
                                .withBody("<html><h1>Conflict</h1><p>There was a conflict when trying to complete "
                                        + "your request.</p></html>").build();
                    }
                    containers.remove(container);
                    return status(204);
                }
                case "HEAD" -> {
                    return objects == null ? status(404) : ResponseDefinitionBuilder.responseDefinition()
                            .withStatus(204).withHeader("X-Container-Object-Count", Integer.toString(objects.size()))
                            .withHeader("X-Container-Bytes-Used", Long.toString(objects.values().stream()
                                    .mapToLong(o -> o.data().length).sum())).build();
                }
                default -> {
                    if (objects == null) {
                        return status(404);
                    }
                    String prefix = query.getOrDefault("prefix", "");
                    String marker = query.getOrDefault("marker", "");
                    ArrayNode list = JSON.createArrayNode();
                    objects.tailMap(marker, false).forEach((name, o) -> {
                        if (name.startsWith(prefix)) {
                            list.addObject().put("name", name).put("hash", o.etag()).put("bytes", o.data().length)
                                    .put("content_type", o.contentType())
                                    .put("last_modified", "2026-11-26T12:00:00.000000");
                        }
                    });
                    return json(list.toString());
                }
            }
        }
        if (objects == null) {
            return status(404);
        }
        switch (method) {
            case "PUT" -> {
                String copyFrom = request.getHeader("X-Copy-From");
                StoredObject stored;
                if (copyFrom != null) {
                    String[] from = URLDecoder.decode(copyFrom, StandardCharsets.UTF_8).replaceFirst("^/", "")
                            .split("/", 2);
                    StoredObject source = containers.getOrDefault(from[0], new TreeMap<>()).get(from[1]);
                    if (source == null) {
                        return status(404);
                    }
                    boolean fresh = "true".equalsIgnoreCase(request.getHeader("X-Fresh-Metadata"));
                    Map<String, String> meta = new TreeMap<>(fresh ? Map.of() : source.metadata());
                    meta.putAll(metadata(request));
                    stored = new StoredObject(source.data(), source.contentType(), meta, source.etag());
                } else {
                    byte[] body = request.getBody();
                    String type = request.getHeader("Content-Type");
                    stored = new StoredObject(body, type == null ? "application/octet-stream" : type,
                            metadata(request), md5(body));
                }
                objects.put(object, stored);
                return ResponseDefinitionBuilder.responseDefinition().withStatus(201)
                        .withHeader("ETag", stored.etag()).build();
            }
            case "DELETE" -> {
                if (query.containsKey("multipart-manifest")) {
                    // A manifest delete of a plain object: Swift reports it in a JSON summary, deleting nothing.
                    return json("{\"Number Deleted\":0,\"Number Not Found\":0,\"Response Body\":\"\","
                            + "\"Response Status\":\"400 Bad Request\",\"Errors\":[[\"/" + container + "/"
                            + object + "\",\"Not an SLO manifest\"]]}");
                }
                return objects.remove(object) == null ? status(404) : status(204);
            }
            case "POST" -> {
                StoredObject o = objects.get(object);
                if (o == null) {
                    return status(404);
                }
                objects.put(object, new StoredObject(o.data(), o.contentType(), metadata(request), o.etag()));
                return status(202);
            }
            default -> {
                StoredObject o = objects.get(object);
                if (o == null) {
                    return status(404);
                }
                List<HttpHeader> headers = new ArrayList<>();
                headers.add(new HttpHeader("Content-Type", o.contentType()));
                headers.add(new HttpHeader("Content-Length", Integer.toString(o.data().length)));
                headers.add(new HttpHeader("ETag", o.etag()));
                headers.add(new HttpHeader("Last-Modified", "Thu, 26 Nov 2026 12:00:00 GMT"));
                o.metadata().forEach((k, v) -> headers.add(new HttpHeader("X-Object-Meta-" + k, v)));
                ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                        .withHeaders(new HttpHeaders(headers));
                return ("HEAD".equals(method) ? response : response.withBody(o.data())).build();
            }
        }
    }

    private static Map<String, String> metadata(Request request) {
        Map<String, String> meta = new TreeMap<>();
        for (HttpHeader h : request.getHeaders().all()) {
            if (h.key().toLowerCase().startsWith("x-object-meta-")) {
                meta.put(h.key().toLowerCase().substring("x-object-meta-".length()), h.firstValue());
            }
        }
        return meta;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new TreeMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(eq < 0 ? pair : pair.substring(0, eq),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }


    private static ResponseDefinition json(String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body).build();
    }

    private static ResponseDefinition status(int status) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status).build();
    }
}
