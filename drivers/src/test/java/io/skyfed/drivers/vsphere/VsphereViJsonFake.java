package io.skyfed.drivers.vsphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of vCenter's VI JSON API ({@code /sdk/vim25/{release}/...}, vSphere 8.0 U1+) the driver reads, as the
 * API reference describes it: {@code SessionManager/SessionManager/Login} with {@code userName} and
 * {@code password}, answering a {@code UserSession} and the session id in the {@code vmware-api-session-id}
 * header; property reads {@code HostSystem/{moId}/summary} answering a {@code HostListSummary}; faults as
 * {@code MethodFault} objects ({@code _typeName}, {@code faultMessage}). Host summaries are seeded from
 * {@code src/test/resources/vsphere/host-summaries.json}, keyed by managed object id. Serving can be switched off,
 * as on vCenter 7, where every such path is 404. First Class Disks and their tasks are {@link VsphereDiskFake}'s.
 * Its sessions are its own (shared with the Automation API only from
 * 8.0 U3).
 */
final class VsphereViJsonFake {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RELEASES = Set.of("8.0.1.0", "8.0.2.0", "8.0.3.0");

    private final Map<String, JsonNode> hostSummaries = new LinkedHashMap<>();
    private final Set<String> sessions = new HashSet<>();
    private final AtomicInteger logins = new AtomicInteger();
    private boolean served = true;
    final VsphereDiskFake disks;

    VsphereViJsonFake(VsphereDiskFake disks) {
        this.disks = disks;
        try (InputStream in = VsphereViJsonFake.class.getResourceAsStream("/vsphere/host-summaries.json")) {
            JSON.readTree(in).fields().forEachRemaining(e -> hostSummaries.put(e.getKey(), e.getValue()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void serve(boolean on) {
        served = on;
    }

    void expireSessions() {
        sessions.clear();
    }

    int logins() {
        return logins.get();
    }

    /** {@code rest} is the path after {@code /sdk/vim25/}. */
    ResponseDefinition answer(String method, String rest, Request request) throws IOException {
        String[] p = rest.split("/");
        if (!served || p.length < 2 || !RELEASES.contains(p[0])) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(404).build();
        }
        if (p.length == 4 && p[1].equals("SessionManager") && p[2].equals("SessionManager") && p[3].equals("Login")
                && method.equals("POST")) {
            return login(JSON.readTree(request.getBodyAsString()));
        }
        if (!sessions.contains(request.getHeader(VsphereAccount.SESSION_HEADER))) {
            return fault(401, "NotAuthenticated", "The session is not authenticated.");
        }
        if (p.length == 4 && p[1].equals("HostSystem") && p[3].equals("summary") && method.equals("GET")) {
            JsonNode summary = hostSummaries.get(p[2]);
            return summary == null ? fault(404, "ManagedObjectNotFound", "The object 'vim.HostSystem:" + p[2]
                    + "' has already been deleted or has not been completely created")
                    : VsphereFake.json(200, summary);
        }
        String body = request.getBodyAsString();
        ResponseDefinition disk = disks.answer(method, p, body == null || body.isBlank() ? JSON.createObjectNode()
                : JSON.readTree(body));
        return disk != null ? disk : ResponseDefinitionBuilder.responseDefinition().withStatus(404).build();
    }

    private ResponseDefinition login(JsonNode body) {
        if (!VsphereFake.USER.equals(body.path("userName").asText())
                || !VsphereFake.PASSWORD.equals(body.path("password").asText())) {
            return fault(400, "InvalidLogin", "Cannot complete login due to an incorrect user name or password.");
        }
        String session = UUID.randomUUID().toString().replace("-", "");
        sessions.add(session);
        logins.incrementAndGet();
        ObjectNode user = JSON.createObjectNode().put("_typeName", "UserSession").put("key", UUID.randomUUID()
                .toString()).put("userName", body.path("userName").asText()).put("fullName", "Skyfed service")
                .put("loginTime", "2026-11-27T02:00:00Z").put("lastActiveTime", "2026-11-27T02:00:00Z")
                .put("locale", "en").put("messageLocale", "en").put("extensionSession", false)
                .put("ipAddress", "127.0.0.1").put("userAgent", "skyfed").put("callCount", 0);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader(VsphereAccount.SESSION_HEADER, session)
                .withBody(user.toString()).build();
    }

    static ResponseDefinition fault(int status, String type, String message) {
        ObjectNode fault = JSON.createObjectNode().put("_typeName", type);
        fault.putArray("faultMessage").addObject().put("_typeName", "LocalizableMessage")
                .put("key", "vim.fault." + type).put("message", message);
        return VsphereFake.json(status, fault);
    }
}
