package io.skyfed.drivers.azure;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.skyfed.drivers.fakes.StatefulFake;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful Azure Resource Manager behind WireMock, with the Entra ID v1 token endpoint in front: it answers the
 * JSON documented in the Compute, Network and Resources REST references (locations, VM sizes, usages, images, VMs
 * with instance views and power actions, NICs, public IPs, managed disks, snapshots, SSH public keys), keeps what
 * is PUT in memory so the next GET sees it, and refuses requests without a token it issued. Faults are injected by
 * stubs of higher priority.
 */
public final class ArmFake extends StatefulFake {

    public static final String NAME = "arm-fake";
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String SUBSCRIPTION = "00000000-1111-2222-3333-444444444444";
    static final String GROUP = "skyfed-rg";
    static final String LOCATION = "westeurope";
    static final String CLIENT_ID = "0b1f3d5e-aaaa-bbbb-cccc-123456789abc";
    static final String CLIENT_SECRET = "s3cr3t~client.secret_value";

    private static final Pattern RESOURCE = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/(Microsoft\\.[A-Za-z]+/[A-Za-z]+)(?:/([^/]+))?(?:/([A-Za-z]+))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCATION_LIST = Pattern.compile(
            "/subscriptions/([^/]+)/providers/(Microsoft\\.[A-Za-z]+)/locations/([^/]+)/([A-Za-z]+)",
            Pattern.CASE_INSENSITIVE);

    /** Status resources of asynchronous operations ("Track asynchronous Azure operations"). */
    private static final Pattern OPERATION = Pattern.compile(
            "/subscriptions/[^/]+/providers/Microsoft\\.[A-Za-z]+/locations/[^/]+/operations/([^/]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SECURITY_RULE = Pattern.compile(
            "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/networkSecurityGroups/([^/]+)"
                    + "/securityRules/([^/]+)", Pattern.CASE_INSENSITIVE);

    /** The Marketplace image catalogue of a location: offers, SKUs, versions and one version. */
    private static final Pattern MARKETPLACE = Pattern.compile("/subscriptions/[^/]+/providers/Microsoft\\.Compute/"
            + "locations/([^/]+)/publishers/([^/]+)/artifacttypes/vmimage/offers(?:/([^/]+)/skus(?:/([^/]+)/versions"
            + "(?:/([^/]+))?)?)?", Pattern.CASE_INSENSITIVE);

    /** A Marketplace purchase plan's terms ("Marketplace Agreements": Get and Create of the current agreement). */
    private static final Pattern AGREEMENT = Pattern.compile("/subscriptions/[^/]+/providers/"
            + "Microsoft\\.MarketplaceOrdering/offerTypes/virtualmachine/publishers/([^/]+)/offers/([^/]+)/plans/([^/]+)"
            + "/agreements/current", Pattern.CASE_INSENSITIVE);

    /** Resources by type (Microsoft.Compute/disks) then lower-cased name. */
    private final Map<String, Map<String, JsonObject>> resources = new HashMap<>();
    /** Power state of each VM, by lower-cased name; it moves on by one step on each instance-view read. */
    private final Map<String, String> power = new HashMap<>();
    private final Set<String> tokens = new HashSet<>();
    private String lastBody = "";
    /** Results of finished asynchronous disk operations, by operation id. */
    private final Map<String, JsonObject> operations = new HashMap<>();
    private String baseUrl = "";
    private final Set<String> answersToLose = new HashSet<>();
    private final AtomicInteger addresses = new AtomicInteger(4);
    private final Map<String, AtomicInteger> puts = new HashMap<>();
    /** The bytes of disks that were uploaded or copied from an uploaded image, by lower-cased disk name. */
    private final Map<String, byte[]> contents = new HashMap<>();
    /** Disks opened with beginGetAccess: Read or Write. */
    private final Map<String, String> access = new HashMap<>();
    private int pageSize = 1000;
    /** Asynchronous operations by id: how many polls answer InProgress, then how they end. */
    private final Map<String, Operation> pendingOperations = new HashMap<>();
    /** How VM deletes go from now on: polls InProgress, their Retry-After, and a failure for the next one. */
    private int vmDeletePolls = 0;
    private String vmDeleteRetryAfter = "0";
    private String[] nextVmDeleteFailure;
    /** Marketplace agreements by {@code publisher/offer/plan}: whether the subscription accepted them. */
    private final Map<String, Boolean> agreements = new HashMap<>();
    private final AtomicInteger agreementPuts = new AtomicInteger();

    /**
     * An asynchronous operation: {@code polls} InProgress answers each asking for {@code retryAfter}, then Succeeded
     * (running {@code onSuccess}) or, when {@code failure} names a code and message, Failed (running
     * {@code onFailure}).
     */
    private static final class Operation {
        final AtomicInteger polls;
        final String retryAfter;
        final String[] failure;
        Runnable onSuccess;
        Runnable onFailure;

        Operation(int polls, String retryAfter, String[] failure, Runnable onSuccess, Runnable onFailure) {
            this.polls = new AtomicInteger(polls);
            this.retryAfter = retryAfter;
            this.failure = failure;
            this.onSuccess = onSuccess;
            this.onFailure = onFailure;
        }
    }
    private int operationPolls = 1;
    private String operationRetryAfter = "0";
    /** Reads of operation status resources: of VM deletes under "vm-delete", of others by operation id. */
    private final Map<String, AtomicInteger> statusReads = new HashMap<>();
    private final Set<String> vmDeleteOperations = new HashSet<>();
    private final Map<String, AtomicInteger> listReads = new HashMap<>();

    public ArmFake() {
        super(NAME);
        JsonObject seed = resource("seed.json");
        for (String type : seed.keySet()) {
            for (JsonElement e : seed.getAsJsonArray(type)) {
                JsonObject r = e.getAsJsonObject();
                store(type, r.get("name").getAsString(), r);
            }
        }
        JsonObject vm = JsonParser.parseString("""
                {"location": "westeurope", "tags": {"skyfed-key": "ops"}, "properties": {
                  "hardwareProfile": {"vmSize": "Standard_B1s"},
                  "storageProfile": {"imageReference": {"id": "%s"},
                    "osDisk": {"name": "web-1-osdisk", "createOption": "FromImage", "caching": "ReadWrite",
                               "managedDisk": {"storageAccountType": "Standard_LRS"}}, "dataDisks": []},
                  "osProfile": {"computerName": "web-1", "adminUsername": "skyfed"},
                  "networkProfile": {"networkInterfaces": [{"id": "%s", "properties": {"primary": true}}]}}}
                """.formatted(id("Microsoft.Compute/images", "ubuntu-2204-base"),
                id("Microsoft.Network/networkInterfaces", "web-1-nic"))).getAsJsonObject();
        putVm("web-1", vm);
        power.put("web-1", "running");
    }

    /** How many PUTs reached a resource (a repeated PUT of the same resource counts again, but makes nothing new). */
    public synchronized int putsOf(String type, String name) {
        return puts.getOrDefault(type + "/" + name.toLowerCase(), new AtomicInteger()).get();
    }

    /** The bytes written into a managed disk, or null when none were. */
    public synchronized byte[] contentOf(String disk) {
        return contents.get(disk.toLowerCase());
    }

    /** How many resources of a type exist. */
    public synchronized int count(String type) {
        return resources.getOrDefault(type, Map.of()).size();
    }

    /** The next {@code method} on a resource of {@code type} is carried out, but its answer is lost. */
    public synchronized void loseNextAnswerTo(String method, String type) {
        answersToLose.add(method + " " + type);
    }

    /** Whether a bearer token is one this issuer gave out and has not expired. */
    public synchronized boolean accepts(String token) {
        return tokens.contains(token);
    }

    /** Every token issued so far is refused from now on, as Resource Manager refuses an expired token. */
    public synchronized void expireTokens() {
        tokens.clear();
    }

    static String id(String type, String name) {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + GROUP + "/providers/" + type + "/" + name;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String path = request.getUrl().split("\\?")[0];
        try {
            if (path.equals("/" + TENANT + "/oauth2/token") && request.getMethod().getName().equals("POST")) {
                return token(request.getBodyAsString());
            }
            if (path.startsWith("/sas/")) {
                return blob(request, path.substring("/sas/".length()));
            }
            String authorization = request.getHeader("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                throw new ArmError(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header "
                        + "is missing.");
            }
            if (!tokens.contains(authorization.substring(7))) {
                throw new ArmError(401, "ExpiredAuthenticationToken", "The access token expiry UTC time is earlier "
                        + "than current UTC time.");
            }
            if (!request.getUrl().contains("api-version=")) {
                throw new ArmError(400, "MissingApiVersionParameter", "The api-version query parameter "
                        + "(?api-version=) is required for all requests.");
            }
            if (!path.startsWith("/subscriptions/" + SUBSCRIPTION)) {
                throw new ArmError(404, "SubscriptionNotFound", "The subscription could not be found.");
            }
            String method = request.getMethod().getName();
            if (path.contains("/DiskOperations/") && method.equals("GET")) {
                JsonObject result = operations.get(path.substring(path.lastIndexOf('/') + 1));
                if (result == null) {
                    throw new ArmError(404, "NotFound", "The operation was not found.");
                }
                return ok(result.toString());
            }
            Matcher statusOf = OPERATION.matcher(path);
            if (statusOf.matches() && method.equals("GET")) {
                return operationStatus(statusOf.group(1));
            }
            Matcher rule = SECURITY_RULE.matcher(path);
            if (rule.matches()) {
                lastBody = request.getBodyAsString();
                return securityRule(method, rule.group(1), rule.group(2), request);
            }
            if (path.equals("/subscriptions/" + SUBSCRIPTION + "/locations") && method.equals("GET")) {
                return ok(resourceText("locations.json"));
            }
            if (path.equalsIgnoreCase("/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Compute/virtualMachines")
                    && method.equals("GET")) {
                return ok(allVmStatuses(request).toString());
            }
            Matcher catalogue = MARKETPLACE.matcher(path);
            if (catalogue.matches() && method.equals("GET")) {
                return marketplace(catalogue);
            }
            Matcher agreement = AGREEMENT.matcher(path);
            if (agreement.matches()) {
                return agreement(method, agreement.group(1), agreement.group(2), agreement.group(3), request);
            }
            Matcher byLocation = LOCATION_LIST.matcher(path);
            if (byLocation.matches() && method.equals("GET")) {
                return locationList(byLocation.group(2), byLocation.group(3), byLocation.group(4));
            }
            Matcher m = RESOURCE.matcher(path);
            if (!m.matches() || !m.group(2).equalsIgnoreCase(GROUP)) {
                throw new ArmError(404, "ResourceGroupNotFound", "Resource group '" + GROUP + "' could not be found.");
            }
            lastBody = request.getBodyAsString();
            baseUrl = request.getAbsoluteUrl().split("/subscriptions/")[0];
            String type = m.group(3);
            String name = m.group(4);
            String action = m.group(5);
            if (method.equals("DELETE") && type.equals("Microsoft.Compute/virtualMachines") && name != null
                    && action == null) {
                return deleteVm(name, request);
            }
            JsonObject answer = dispatch(method, type, name, action, request);
            if (answersToLose.remove(method + " " + type)) {
                return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            }
            int status = method.equals("DELETE") || action != null && type.equals("Microsoft.Compute/virtualMachines")
                    && !action.equals("instanceView") ? 202 : 200;
            if ("beginGetAccess".equals(action)) {
                // "Grant Access" is asynchronous: 202, then the SAS is the result of the operation's Location
                String id = UUID.randomUUID().toString();
                operations.put(id, answer);
                String operation = baseUrl + "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Compute/"
                        + "locations/" + LOCATION + "/DiskOperations/" + id + "?monitor=true&api-version=2023-04-02";
                return ResponseDefinitionBuilder.responseDefinition().withStatus(202)
                        .withHeader("Location", operation).withHeader("Retry-After", "0").build();
            }
            if (method.equals("PUT") && answer.has("_created")) {
                answer.remove("_created");
                status = 201;
            }
            if (method.equals("PUT") && type.startsWith("Microsoft.Network/")) {
                return asyncPut(status, answer, request);
            }
            if (status == 202) {
                // asynchronous operations answer where to poll them ("Track asynchronous Azure operations")
                String operation = operationUrl(request, type.split("/")[0], 0);
                return ResponseDefinitionBuilder.responseDefinition().withStatus(202)
                        .withHeader("Location", operation).withHeader("Azure-AsyncOperation", operation)
                        .withHeader("Retry-After", "0").build();
            }
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                            .withHeader("Content-Type", "application/json; charset=utf-8")
                            .withBody(answer.toString()).build();
        } catch (ArmError e) {
            return error(e.status, e.code, e.getMessage());
        }
    }

    private ResponseDefinition token(String form) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        if (!"client_credentials".equals(fields.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type");
        }
        if (!CLIENT_ID.equals(fields.get("client_id")) || !CLIENT_SECRET.equals(fields.get("client_secret"))) {
            return oauthError(401, "invalid_client");
        }
        String token = "eyJ0eXAiOiJKV1QifQ." + UUID.randomUUID().toString().replace("-", "");
        tokens.add(token);
        JsonObject answer = new JsonObject();
        answer.addProperty("token_type", "Bearer");
        answer.addProperty("expires_in", "3599");
        answer.addProperty("ext_expires_in", "3599");
        answer.addProperty("expires_on", String.valueOf(System.currentTimeMillis() / 1000 + 3599));
        answer.addProperty("not_before", String.valueOf(System.currentTimeMillis() / 1000));
        answer.addProperty("resource", fields.getOrDefault("resource", ""));
        answer.addProperty("access_token", token);
        return ok(answer.toString());
    }

    private static ResponseDefinition oauthError(int status, String code) {
        JsonObject answer = new JsonObject();
        answer.addProperty("error", code);
        answer.addProperty("error_description", "AADSTS7000215: Invalid client secret provided.");
        answer.add("error_codes", JsonParser.parseString("[7000215]"));
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(answer.toString()).build();
    }

    private ResponseDefinition locationList(String provider, String location, String what) {
        if (!location.equals(LOCATION) && !location.equals("northeurope")) {
            throw new ArmError(404, "NoRegisteredProviderFound", "No registered resource provider found for "
                    + "location '" + location + "'.");
        }
        String file = switch (provider + "/" + what) {
            case "Microsoft.Compute/vmSizes" -> "vm-sizes.json";
            case "Microsoft.Compute/usages" -> "compute-usages.json";
            case "Microsoft.Network/usages" -> "network-usages.json";
            default -> throw new ArmError(404, "InvalidResourceType", "The resource type '" + what
                    + "' could not be found in the namespace '" + provider + "'.");
        };
        return ok(resourceText(file));
    }

    private JsonObject dispatch(String method, String type, String name, String action, Request request) {
        Map<String, JsonObject> ofType = resources.computeIfAbsent(type, t -> new LinkedHashMap<>());
        if (name == null) {
            if (!method.equals("GET")) {
                throw new ArmError(405, "MethodNotAllowed", "The requested method is not allowed.");
            }
            return page(type, ofType, request);
        }
        JsonObject existing = ofType.get(name.toLowerCase());
        if (action != null) {
            if (existing == null) {
                throw notFound(type, name);
            }
            return action(type, name, action, existing);
        }
        return switch (method) {
            case "GET" -> {
                if (existing == null) {
                    throw notFound(type, name);
                }
                yield existing.deepCopy();
            }
            case "PUT" -> {
                JsonObject body = JsonParser.parseString(request.getBodyAsString()).getAsJsonObject();
                puts.computeIfAbsent(type + "/" + name.toLowerCase(), k -> new AtomicInteger()).incrementAndGet();
                JsonObject stored = put(type, name, body);
                JsonObject answer = stored.deepCopy();
                if (existing == null) {
                    answer.addProperty("_created", true);
                }
                yield answer;
            }
            case "DELETE" -> {
                if (existing != null) {
                    delete(type, name, existing);
                }
                yield new JsonObject();
            }
            default -> throw new ArmError(405, "MethodNotAllowed", "The requested method is not allowed.");
        };
    }

    /**
     * A list answer as Resource Manager pages it: at most {@link #pageSize} items in {@code value}, and while more
     * remain a {@code nextLink} (absolute, with the api-version and an opaque {@code $skiptoken}) to the next page.
     */
    private JsonObject page(String type, Map<String, JsonObject> ofType, Request request) {
        String url = request.getAbsoluteUrl();
        Matcher skip = Pattern.compile("(?:\\$|%24)skiptoken=([^&]+)").matcher(url);
        int from = skip.find() ? Integer.parseInt(new String(java.util.Base64.getUrlDecoder().decode(skip.group(1)),
                StandardCharsets.UTF_8)) : 0;
        JsonArray value = new JsonArray();
        ofType.values().stream().skip(from).limit(pageSize).forEach(r -> value.add(r.deepCopy()));
        JsonObject list = new JsonObject();
        list.add("value", value);
        if (from + pageSize < ofType.size()) {
            String token = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(String.valueOf(from + pageSize).getBytes(StandardCharsets.UTF_8));
            // the next page keeps the request's query (api-version, statusOnly, ...) with a new skip token
            String query = url.contains("?") ? url.substring(url.indexOf('?') + 1)
                    .replaceAll("(^|&)(\\$|%24)skiptoken=[^&]*", "") : "";
            list.addProperty("nextLink", url.split("\\?")[0] + "?" + (query.startsWith("&") ? query.substring(1)
                    : query) + "&%24skiptoken=" + token);
        }
        listReads.computeIfAbsent(type, t -> new AtomicInteger()).incrementAndGet();
        return list;
    }

    /**
     * A Microsoft.Network PUT as Resource Manager answers it: the resource (its provisioning still Updating), and an
     * {@code Azure-AsyncOperation} status resource to poll, with Retry-After.
     */
    private ResponseDefinition asyncPut(int status, JsonObject answer, Request request) {
        answer.getAsJsonObject("properties").addProperty("provisioningState", "Updating");
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Azure-AsyncOperation", operationUrl(request, "Microsoft.Network", operationPolls))
                .withHeader("Retry-After", operationRetryAfter).withBody(answer.toString()).build();
    }

    private String operationUrl(Request request, String namespace, int polls) {
        return operationUrl(request, namespace, new Operation(polls, operationRetryAfter, null, null, null));
    }

    private String operationUrl(Request request, String namespace, Operation operation) {
        String id = UUID.randomUUID().toString();
        pendingOperations.put(id, operation);
        return request.getAbsoluteUrl().split("/subscriptions/")[0] + "/subscriptions/" + SUBSCRIPTION
                + "/providers/" + namespace + "/locations/" + LOCATION + "/operations/" + id
                + "?api-version=2023-09-01";
    }

    private ResponseDefinition operationStatus(String id) {
        Operation pending = pendingOperations.get(id);
        if (pending == null) {
            throw new ArmError(404, "NotFound", "The operation was not found.");
        }
        statusReads.computeIfAbsent(vmDeleteOperations.contains(id) ? "vm-delete" : id, k -> new AtomicInteger())
                .incrementAndGet();
        JsonObject status = new JsonObject();
        if (pending.polls.getAndDecrement() > 0) {
            status.addProperty("status", "InProgress");
        } else if (pending.failure != null) {
            status.addProperty("status", "Failed");
            JsonObject error = new JsonObject();
            error.addProperty("code", pending.failure[0]);
            error.addProperty("message", pending.failure[1]);
            status.add("error", error);
            finish(pending.onFailure);
            pending.onFailure = null;
        } else {
            status.addProperty("status", "Succeeded");
            finish(pending.onSuccess);
            pending.onSuccess = null;
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("Retry-After", pending.retryAfter).withBody(status.toString()).build();
    }

    private static void finish(Runnable completion) {
        if (completion != null) {
            completion.run();
        }
    }

    /**
     * "Virtual Machines - Delete": 202 with an Azure-AsyncOperation to poll (and a Location); the VM stays, its
     * provisioning state Deleting and its NIC and disks held, until the operation succeeds; a failed delete leaves
     * it as it was. A VM that does not exist answers 204.
     */
    private ResponseDefinition deleteVm(String name, Request request) {
        JsonObject existing = get("Microsoft.Compute/virtualMachines", name);
        if (existing == null) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        }
        String key = name.toLowerCase();
        String before = power.get(key);
        power.put(key, "deleting");
        String[] failure = nextVmDeleteFailure;
        nextVmDeleteFailure = null;
        String operation = operationUrl(request, "Microsoft.Compute", new Operation(vmDeletePolls, vmDeleteRetryAfter,
                failure, () -> delete("Microsoft.Compute/virtualMachines", name, existing),
                () -> power.put(key, before)));
        vmDeleteOperations.add(operation.replaceAll(".*/operations/([^?]+).*", "$1"));
        return ResponseDefinitionBuilder.responseDefinition().withStatus(202)
                .withHeader("Location", operation).withHeader("Azure-AsyncOperation", operation)
                .withHeader("Retry-After", vmDeleteRetryAfter).build();
    }

    /** VM deletes from now on report InProgress {@code polls} times, each asking to wait {@code retryAfter} s. */
    public synchronized void slowVmDeletes(int polls, String retryAfter) {
        vmDeletePolls = polls;
        vmDeleteRetryAfter = retryAfter;
    }

    /** The next VM delete ends Failed with this error, and the VM stays. */
    public synchronized void failNextVmDelete(String code, String message) {
        nextVmDeleteFailure = new String[] {code, message};
    }

    /** How many times the status resources of VM deletes were read. */
    public synchronized int vmDeleteStatusReads() {
        return statusReads.getOrDefault("vm-delete", new AtomicInteger()).get();
    }

    /** Whether a VM is being deleted (its delete accepted, not yet finished). */
    public synchronized boolean deleting(String vm) {
        return "deleting".equals(power.get(vm.toLowerCase()));
    }

    /** Network PUTs from now on report InProgress {@code polls} times, each asking to wait {@code retryAfter} s. */
    public synchronized void slowOperations(int polls, String retryAfter) {
        operationPolls = polls;
        operationRetryAfter = retryAfter;
    }

    /** How many times operation status resources were read. */
    public synchronized int operationStatusReads() {
        return statusReads.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Security rules are child resources of their group: PUT and DELETE one without rewriting the others. */
    private ResponseDefinition securityRule(String method, String group, String name, Request request) {
        JsonObject nsg = get("Microsoft.Network/networkSecurityGroups", group);
        if (nsg == null) {
            throw notFound("Microsoft.Network/networkSecurityGroups", group);
        }
        JsonObject properties = nsg.getAsJsonObject("properties");
        if (!properties.has("securityRules")) {
            properties.add("securityRules", new JsonArray());
        }
        JsonArray rules = properties.getAsJsonArray("securityRules");
        JsonObject existing = null;
        for (JsonElement r : rules) {
            if (r.getAsJsonObject().get("name").getAsString().equalsIgnoreCase(name)) {
                existing = r.getAsJsonObject();
            }
        }
        switch (method) {
            case "PUT" -> {
                JsonObject rule = JsonParser.parseString(request.getBodyAsString()).getAsJsonObject();
                JsonObject p = rule.getAsJsonObject("properties");
                for (JsonElement r : rules) {
                    JsonObject other = r.getAsJsonObject().getAsJsonObject("properties");
                    if (r.getAsJsonObject() != existing && other.get("priority").getAsInt() == p.get("priority").getAsInt()
                            && other.get("direction").getAsString().equals(p.get("direction").getAsString())) {
                        throw new ArmError(400, "SecurityRuleConflict", "Security rule " + name + " conflicts with "
                                + "rule " + r.getAsJsonObject().get("name").getAsString() + ": same priority.");
                    }
                }
                rule.addProperty("name", name);
                rule.addProperty("id", id("Microsoft.Network/networkSecurityGroups", group) + "/securityRules/" + name);
                rule.addProperty("type", "Microsoft.Network/networkSecurityGroups/securityRules");
                p.addProperty("provisioningState", "Succeeded");
                if (existing != null) {
                    rules.remove(existing);
                }
                rules.add(rule);
                puts.computeIfAbsent("securityRules/" + name.toLowerCase(), k -> new AtomicInteger()).incrementAndGet();
                return asyncPut(existing == null ? 201 : 200, rule.deepCopy(), request);
            }
            case "DELETE" -> {
                if (existing == null) {
                    return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
                }
                rules.remove(existing);
                return ResponseDefinitionBuilder.responseDefinition().withStatus(202)
                        .withHeader("Location", operationUrl(request, "Microsoft.Network", 0))
                        .withHeader("Retry-After", "0").build();
            }
            case "GET" -> {
                if (existing == null) {
                    throw new ArmError(404, "NotFound", "Security rule " + name + " was not found.");
                }
                return ok(existing.toString());
            }
            default -> throw new ArmError(405, "MethodNotAllowed", "The requested method is not allowed.");
        }
    }

    /**
     * "Virtual Machine Images": offers, SKUs and versions are bare arrays of {location, name, id}; one version is
     * an object with its properties; what the catalogue lacks is 404 NotFound.
     */
    private ResponseDefinition marketplace(Matcher m) {
        JsonObject catalogue = resource("marketplace.json");
        String location = m.group(1);
        String[] names = {m.group(2), m.group(3), m.group(4), m.group(5)};
        JsonElement level = catalogue;
        String id = "/Subscriptions/" + SUBSCRIPTION + "/Providers/Microsoft.Compute/Locations/" + location
                + "/Publishers/" + names[0] + "/ArtifactTypes/VMImage/Offers";
        int depth = 0;
        while (depth < names.length && names[depth] != null) {
            JsonElement next = null;
            if (level.isJsonObject() && level.getAsJsonObject().has(names[depth])) {
                next = level.getAsJsonObject().get(names[depth]);
            } else if (level.isJsonArray() && level.getAsJsonArray().contains(new JsonPrimitive(names[depth]))) {
                next = new JsonObject();
            }
            if (next == null) {
                throw new ArmError(404, "NotFound", "Artifact: VMImage was not found.");
            }
            if (depth > 0) {
                id += "/" + names[depth] + (depth == 1 ? "/Skus" : depth == 2 ? "/Versions" : "");
            }
            level = next;
            depth++;
        }
        if (depth == 4) {
            JsonObject plan = plan(names[0], names[1], names[2]);
            JsonObject version = JsonParser.parseString("""
                    {"properties": {"hyperVGeneration": "V2", "architecture": "%s", "replicaType": "Unmanaged",
                      "osDiskImage": {"operatingSystem": "Linux", "sizeInGb": 30}, "dataDiskImages": [],
                      "imageDeprecationStatus": {"imageState": "Active"}}}"""
                    .formatted(names[2].contains("arm64") ? "Arm64" : "x64")).getAsJsonObject();
            if (plan != null) {
                version.getAsJsonObject("properties").add("plan", plan);
            }
            version.addProperty("location", location);
            version.addProperty("name", names[3]);
            version.addProperty("id", id);
            return ok(version.toString());
        }
        JsonArray list = new JsonArray();
        Iterable<String> children = level.isJsonObject() ? level.getAsJsonObject().keySet()
                : level.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList();
        for (String child : children) {
            JsonObject entry = new JsonObject();
            entry.addProperty("location", location);
            entry.addProperty("name", child);
            entry.addProperty("id", id + "/" + child);
            list.add(entry);
        }
        return ok(list.toString());
    }

    /** The purchase plan a Marketplace SKU is sold with ({@code marketplace-plans.json}), or null. */
    private static JsonObject plan(String publisher, String offer, String sku) {
        JsonObject plans = resource("marketplace-plans.json");
        String key = publisher + ":" + offer + ":" + sku;
        return plans.has(key) ? plans.getAsJsonObject(key) : null;
    }

    /**
     * "Marketplace Agreements": GET shows a plan's terms with whether the subscription accepted them; PUT of those
     * terms (their signature unchanged) with {@code accepted} records the answer. A plan the catalogue does not
     * sell is 404.
     */
    private ResponseDefinition agreement(String method, String publisher, String offer, String planName,
                                         Request request) {
        boolean known = resource("marketplace-plans.json").asMap().values().stream().map(JsonElement::getAsJsonObject)
                .anyMatch(p -> p.get("publisher").getAsString().equals(publisher)
                        && p.get("product").getAsString().equals(offer) && p.get("name").getAsString().equals(planName));
        if (!known) {
            throw new ArmError(404, "NotFound", "Offer " + publisher + "/" + offer + "/" + planName + " not found.");
        }
        String key = publisher + "/" + offer + "/" + planName;
        String signature = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
        if (method.equals("PUT")) {
            JsonObject properties = JsonParser.parseString(request.getBodyAsString()).getAsJsonObject()
                    .getAsJsonObject("properties");
            if (properties == null || !properties.has("signature")
                    || !properties.get("signature").getAsString().equals(signature)) {
                throw new ArmError(400, "BadRequest", "The agreement's signature does not match the terms of "
                        + key + ".");
            }
            agreementPuts.incrementAndGet();
            agreements.put(key, properties.has("accepted") && properties.get("accepted").getAsBoolean());
        } else if (!method.equals("GET")) {
            throw new ArmError(405, "MethodNotAllowed", "The requested method is not allowed.");
        }
        JsonObject properties = new JsonObject();
        properties.addProperty("publisher", publisher);
        properties.addProperty("product", offer);
        properties.addProperty("plan", planName);
        properties.addProperty("licenseTextLink", "https://mpcprodsa.blob.core.windows.net/legalterms/3E5ED_legalterms_"
                + planName.toUpperCase() + ".txt");
        properties.addProperty("privacyPolicyLink", "https://www.example.com/privacy");
        properties.addProperty("marketplaceTermsLink", "https://mpcprodsa.blob.core.windows.net/marketplaceterms/"
                + "3EDEF_marketplaceterms_VIRTUALMACHINE.txt");
        properties.addProperty("retrieveDatetime", "2026-11-27T02:00:00.0000000Z");
        properties.addProperty("signature", signature);
        properties.addProperty("accepted", agreements.getOrDefault(key, false));
        JsonObject terms = new JsonObject();
        terms.addProperty("id", "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.MarketplaceOrdering/"
                + "offerTypes/VirtualMachine/publishers/" + publisher + "/offers/" + offer + "/plans/" + planName
                + "/agreements/current");
        terms.addProperty("name", planName);
        terms.addProperty("type", "Microsoft.MarketplaceOrdering/offertypes");
        terms.add("properties", properties);
        return ok(terms.toString());
    }

    /** Sets whether the subscription has accepted a plan's terms, as if someone had answered them already. */
    public synchronized void terms(String publisher, String offer, String plan, boolean accepted) {
        agreements.put(publisher + "/" + offer + "/" + plan, accepted);
    }

    /** Whether the subscription has accepted a plan's terms. */
    public synchronized boolean termsAccepted(String publisher, String offer, String plan) {
        return agreements.getOrDefault(publisher + "/" + offer + "/" + plan, false);
    }

    /** How many agreement PUTs were answered. */
    public synchronized int agreementPuts() {
        return agreementPuts.get();
    }

    /** Lists answer at most this many items per page from now on. */
    public synchronized void pageSize(int size) {
        pageSize = size;
    }

    /**
     * "Virtual Machines - List All" with {@code statusOnly=true}: every VM of the subscription with only its instance
     * view, paged like other lists; each read moves a VM on as an instance-view read does. Without statusOnly the
     * fake refuses (the driver never lists the whole subscription's models).
     */
    private JsonObject allVmStatuses(Request request) {
        if (!"true".equals(request.queryParameter("statusOnly").isPresent()
                ? request.queryParameter("statusOnly").firstValue() : null)) {
            throw new ArmError(400, "InvalidParameter", "this fake lists the subscription's VMs with statusOnly only");
        }
        Map<String, JsonObject> views = new LinkedHashMap<>();
        for (JsonObject vm : resources.getOrDefault("Microsoft.Compute/virtualMachines", Map.of()).values()) {
            String name = vm.get("name").getAsString();
            JsonObject entry = new JsonObject();
            entry.add("id", vm.get("id"));
            entry.addProperty("name", name);
            entry.addProperty("type", "Microsoft.Compute/virtualMachines");
            entry.add("location", vm.get("location"));
            JsonObject properties = new JsonObject();
            properties.add("instanceView", action("Microsoft.Compute/virtualMachines", name, "instanceView", vm));
            entry.add("properties", properties);
            views.put(name.toLowerCase(), entry);
        }
        return page("statusOnly", views, request);
    }

    /** How many list pages of a resource type were served. */
    public synchronized int listReads(String type) {
        return listReads.getOrDefault(type, new AtomicInteger()).get();
    }

    /** Adds a resource as if it had been PUT, without the PUT's checks (bulk seeding for paging tests). */
    public synchronized void seed(String type, String name, JsonObject body) {
        store(type, name, body);
        if (type.equals("Microsoft.Compute/virtualMachines")) {
            power.put(name.toLowerCase(), "running");
        }
    }

    /** Removes a seeded resource. */
    public synchronized void unseed(String type, String name) {
        resources.getOrDefault(type, new HashMap<>()).remove(name.toLowerCase());
        power.remove(name.toLowerCase());
    }

    private JsonObject put(String type, String name, JsonObject body) {
        if (!body.has("location")) {
            throw new ArmError(400, "LocationRequired", "The location property is required for this definition.");
        }
        return switch (type) {
            case "Microsoft.Compute/virtualMachines" -> putVm(name, body);
            case "Microsoft.Compute/disks" -> putDisk(name, body);
            case "Microsoft.Compute/snapshots" -> putSnapshot(name, body);
            case "Microsoft.Network/networkInterfaces" -> putNic(name, body);
            case "Microsoft.Network/networkSecurityGroups" -> store(type, name, body);
            case "Microsoft.Network/publicIPAddresses" -> {
                JsonObject previous = get(type, name);
                String ip = previous != null && previous.getAsJsonObject("properties").has("ipAddress")
                        ? previous.getAsJsonObject("properties").get("ipAddress").getAsString()
                        : "20.50.2." + addresses.incrementAndGet();
                JsonObject stored = store(type, name, body);
                stored.getAsJsonObject("properties").addProperty("ipAddress", ip);
                yield stored;
            }
            case "Microsoft.Compute/sshPublicKeys", "Microsoft.Compute/images" -> store(type, name, body);
            default -> throw new ArmError(400, "InvalidResourceType", "The resource type '" + type
                    + "' is not supported by this fake.");
        };
    }

    private JsonObject putVm(String name, JsonObject body) {
        JsonObject p = body.getAsJsonObject("properties");
        JsonObject storage = p.getAsJsonObject("storageProfile");
        JsonObject reference = storage.getAsJsonObject("imageReference");
        String image = reference == null || !reference.has("id") ? null : reference.get("id").getAsString();
        if (reference != null && reference.has("publisher")) {
            JsonElement versions = resource("marketplace.json").getAsJsonObject()
                    .getAsJsonObject(reference.get("publisher").getAsString());
            for (String part : new String[] {"offer", "sku"}) {
                versions = versions == null || !versions.getAsJsonObject().has(reference.get(part).getAsString()) ? null
                        : versions.getAsJsonObject().get(reference.get(part).getAsString());
            }
            String version = reference.get("version").getAsString();
            if (versions == null || !version.equals("latest")
                    && !versions.getAsJsonArray().contains(new JsonPrimitive(version))) {
                throw new ArmError(404, "PlatformImageNotFound", "The platform image '" + reference.get("publisher")
                        .getAsString() + ":" + reference.get("offer").getAsString() + ":" + reference.get("sku")
                        .getAsString() + ":" + version + "' is not available.");
            }
            requirePlan(reference, body.getAsJsonObject("plan"));
        }
        if (image != null && get("Microsoft.Compute/images", last(image)) == null) {
            throw new ArmError(404, "NotFound", "The Image '" + image + "' cannot be found in '" + LOCATION
                    + "' region.");
        }
        String vmSize = p.getAsJsonObject("hardwareProfile").get("vmSize").getAsString();
        if (!resourceText("vm-sizes.json").contains("\"" + vmSize + "\"")) {
            throw new ArmError(400, "InvalidParameter", "The value " + vmSize + " provided for the VM size is "
                    + "not valid.");
        }
        String vmId = id("Microsoft.Compute/virtualMachines", name);
        JsonObject previous = get("Microsoft.Compute/virtualMachines", name);
        // data disks: those listed are held by this VM, those dropped are released
        if (previous != null) {
            for (JsonElement d : dataDisks(previous)) {
                JsonObject disk = get("Microsoft.Compute/disks", d.getAsJsonObject().get("name").getAsString());
                if (disk != null) {
                    disk.remove("managedBy");
                    disk.getAsJsonObject("properties").addProperty("diskState", "Unattached");
                }
            }
        }
        for (JsonElement d : dataDisks(body)) {
            String diskName = last(d.getAsJsonObject().getAsJsonObject("managedDisk").get("id").getAsString());
            JsonObject disk = get("Microsoft.Compute/disks", diskName);
            if (disk == null) {
                throw new ArmError(404, "NotFound", "Disk " + diskName + " could not be found.");
            }
            if (disk.has("managedBy") && !disk.get("managedBy").getAsString().equalsIgnoreCase(vmId)) {
                throw new ArmError(409, "OperationNotAllowed", "Disk " + diskName + " is attached to VM "
                        + disk.get("managedBy").getAsString() + ".");
            }
            disk.addProperty("managedBy", vmId);
            disk.getAsJsonObject("properties").addProperty("diskState", "Attached");
            d.getAsJsonObject().addProperty("name", diskName);
        }
        JsonObject osDisk = storage.getAsJsonObject("osDisk");
        String osDiskName = osDisk.has("name") ? osDisk.get("name").getAsString() : name + "_OsDisk_1";
        osDisk.addProperty("name", osDiskName);
        osDisk.addProperty("osType", "Linux");
        if (get("Microsoft.Compute/disks", osDiskName) == null) {
            JsonObject disk = JsonParser.parseString("""
                    {"location": "westeurope", "sku": {"name": "Standard_LRS", "tier": "Standard"},
                     "properties": {"creationData": {"createOption": "FromImage"}, "diskSizeGB": 30,
                       "diskState": "Attached", "provisioningState": "Succeeded"}}""").getAsJsonObject();
            disk.addProperty("managedBy", vmId);
            store("Microsoft.Compute/disks", osDiskName, disk);
            copyImageContent(image, osDiskName);
        }
        JsonObject managed = osDisk.has("managedDisk") ? osDisk.getAsJsonObject("managedDisk") : new JsonObject();
        managed.addProperty("id", id("Microsoft.Compute/disks", osDiskName));
        osDisk.add("managedDisk", managed);
        if (p.has("osProfile")) {
            p.getAsJsonObject("osProfile").remove("adminPassword");
            p.getAsJsonObject("osProfile").remove("customData");
        }
        p.addProperty("vmId", previous != null ? previous.getAsJsonObject("properties").get("vmId").getAsString()
                : UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
        for (JsonElement n : p.getAsJsonObject("networkProfile").getAsJsonArray("networkInterfaces")) {
            JsonObject nic = get("Microsoft.Network/networkInterfaces", last(n.getAsJsonObject().get("id").getAsString()));
            if (nic != null) {
                JsonObject byVm = new JsonObject();
                byVm.addProperty("id", vmId);
                nic.getAsJsonObject("properties").add("virtualMachine", byVm);
            }
        }
        power.putIfAbsent(name.toLowerCase(), "creating");
        return store("Microsoft.Compute/virtualMachines", name, body);
    }

    /**
     * A VM from a Marketplace image sold with a purchase plan must name that plan, and the subscription must have
     * accepted its terms; Resource Manager refuses the VM otherwise.
     */
    private void requirePlan(JsonObject reference, JsonObject given) {
        JsonObject plan = plan(reference.get("publisher").getAsString(), reference.get("offer").getAsString(),
                reference.get("sku").getAsString());
        if (plan == null) {
            return;
        }
        if (given == null || !plan.equals(given)) {
            throw new ArmError(400, "VMMarketplaceInvalidInput", "Creating a virtual machine from Marketplace image "
                    + "requires Plan information in the request; the image's plan is " + plan + ".");
        }
        String key = plan.get("publisher").getAsString() + "/" + plan.get("product").getAsString() + "/"
                + plan.get("name").getAsString();
        if (!agreements.getOrDefault(key, false)) {
            throw new ArmError(400, "MarketplacePurchaseEligibilityFailed", "Marketplace purchase eligibilty check "
                    + "returned errors: legal terms have not been accepted for this item on this subscription ("
                    + key + ").");
        }
    }

    /** A VM's OS disk starts as a copy of its image's source disk, when that disk has content here. */
    private void copyImageContent(String image, String osDisk) {
        JsonObject source = image == null ? null : get("Microsoft.Compute/images", last(image));
        if (source == null) {
            return;
        }
        JsonObject managed = source.getAsJsonObject("properties").getAsJsonObject("storageProfile")
                .getAsJsonObject("osDisk").getAsJsonObject("managedDisk");
        byte[] content = managed == null ? null : contents.get(last(managed.get("id").getAsString()).toLowerCase());
        if (content != null) {
            contents.put(osDisk.toLowerCase(), content.clone());
        }
    }

    /** Put Page and Get Blob on a disk's SAS URL (Blob service REST API, version 2021-08-06). */
    private ResponseDefinition blob(Request request, String disk) {
        String key = disk.toLowerCase();
        String granted = access.get(key);
        if (granted == null || !request.getUrl().contains("sig=")) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(403)
                    .withHeader("x-ms-error-code", "AuthenticationFailed").build();
        }
        byte[] content = contents.get(key);
        if (request.getMethod().getName().equals("GET")) {
            if (!granted.equals("Read")) {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(403)
                        .withHeader("x-ms-error-code", "AuthorizationPermissionMismatch").build();
            }
            byte[] served = content != null ? content : new byte[0];
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/octet-stream")
                    .withHeader("Content-Length", String.valueOf(served.length))
                    .withHeader("x-ms-blob-type", "PageBlob").withBody(served).build();
        }
        if (!granted.equals("Write") || !request.getUrl().contains("comp=page")
                || !"update".equals(request.getHeader("x-ms-page-write"))) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(400)
                    .withHeader("x-ms-error-code", "InvalidHeaderValue").build();
        }
        Matcher range = Pattern.compile("bytes=(\\d+)-(\\d+)").matcher(request.getHeader("x-ms-range"));
        byte[] page = request.getBody();
        if (!range.matches()) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(400)
                    .withHeader("x-ms-error-code", "InvalidRange").build();
        }
        long start = Long.parseLong(range.group(1));
        long end = Long.parseLong(range.group(2));
        if (start % 512 != 0 || (end + 1) % 512 != 0 || end - start + 1 != page.length || end >= content.length
                || page.length > 4 << 20) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(416)
                    .withHeader("x-ms-error-code", "InvalidPageRange").build();
        }
        System.arraycopy(page, 0, content, (int) start, page.length);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(201).build();
    }

    private static JsonArray dataDisks(JsonObject vm) {
        JsonObject storage = vm.getAsJsonObject("properties").getAsJsonObject("storageProfile");
        return storage.has("dataDisks") ? storage.getAsJsonArray("dataDisks") : new JsonArray();
    }

    private JsonObject putDisk(String name, JsonObject body) {
        JsonObject p = body.getAsJsonObject("properties");
        JsonObject creation = p.getAsJsonObject("creationData");
        String option = creation.get("createOption").getAsString();
        if (option.equals("Copy")) {
            JsonObject source = get("Microsoft.Compute/snapshots", last(creation.get("sourceResourceId").getAsString()));
            if (source == null) {
                throw new ArmError(404, "NotFound", "Resource " + creation.get("sourceResourceId").getAsString()
                        + " is not found.");
            }
            p.add("diskSizeGB", source.getAsJsonObject("properties").get("diskSizeGB"));
        } else if (option.equals("Upload")) {
            long bytes = creation.get("uploadSizeBytes").getAsLong();
            // "Upload a VHD to Azure": a fixed VHD of a whole number of MiB plus its 512-byte footer, 20 MiB at least
            if (bytes < (20 << 20) + 512 || (bytes - 512) % (1 << 20) != 0 || bytes > (64 << 20) + 512) {
                throw new ArmError(400, "InvalidParameter", "uploadSizeBytes " + bytes + " must be a whole number "
                        + "of MiB plus 512 bytes, at least 20 MiB + 512 (and, in this fake, at most 64 MiB + 512).");
            }
            p.addProperty("diskSizeGB", (bytes + (1L << 30) - 1) >> 30);
        } else if (!p.has("diskSizeGB")) {
            throw new ArmError(400, "InvalidParameter", "Required parameter 'diskSizeGB' is missing (null).");
        }
        JsonObject previous = get("Microsoft.Compute/disks", name);
        if (previous != null && previous.has("managedBy")) {
            body.add("managedBy", previous.get("managedBy"));
        }
        p.addProperty("diskState", body.has("managedBy") ? "Attached"
                : option.equals("Upload") ? "ReadyToUpload" : "Unattached");
        p.addProperty("timeCreated", "2026-11-26T12:00:00.0000000+00:00");
        return store("Microsoft.Compute/disks", name, body);
    }

    private JsonObject putSnapshot(String name, JsonObject body) {
        JsonObject p = body.getAsJsonObject("properties");
        String source = p.getAsJsonObject("creationData").get("sourceResourceId").getAsString();
        JsonObject disk = get("Microsoft.Compute/disks", last(source));
        if (disk == null) {
            throw new ArmError(404, "NotFound", "Resource " + source + " is not found.");
        }
        p.add("diskSizeGB", disk.getAsJsonObject("properties").get("diskSizeGB"));
        p.addProperty("timeCreated", "2026-11-26T12:00:00.0000000+00:00");
        return store("Microsoft.Compute/snapshots", name, body);
    }

    private JsonObject putNic(String name, JsonObject body) {
        JsonObject previous = get("Microsoft.Network/networkInterfaces", name);
        JsonArray configurations = body.getAsJsonObject("properties").getAsJsonArray("ipConfigurations");
        for (JsonElement c : configurations) {
            JsonObject cp = c.getAsJsonObject().getAsJsonObject("properties");
            String kept = previous == null ? null : previous.getAsJsonObject("properties")
                    .getAsJsonArray("ipConfigurations").get(0).getAsJsonObject().getAsJsonObject("properties")
                    .get("privateIPAddress").getAsString();
            cp.addProperty("privateIPAddress", kept != null ? kept : "10.0.0." + addresses.incrementAndGet());
            cp.addProperty("provisioningState", "Succeeded");
            c.getAsJsonObject().addProperty("id", id("Microsoft.Network/networkInterfaces", name)
                    + "/ipConfigurations/" + c.getAsJsonObject().get("name").getAsString());
            c.getAsJsonObject().addProperty("etag", "W/\"" + UUID.randomUUID() + "\"");
        }
        bindPublicIps(name, configurations);
        bindSecurityGroup(name, body.getAsJsonObject("properties").getAsJsonObject("networkSecurityGroup"));
        JsonObject previousVm = previous == null ? null : previous.getAsJsonObject("properties")
                .getAsJsonObject("virtualMachine");
        if (previousVm != null) {
            body.getAsJsonObject("properties").add("virtualMachine", previousVm);
        }
        return store("Microsoft.Network/networkInterfaces", name, body);
    }

    /**
     * A public IP names the NIC configuration that holds it ({@code ipConfiguration}, read-only), and one held by
     * another NIC cannot be taken ("PublicIPAddressInUse").
     */
    private void bindPublicIps(String nic, JsonArray configurations) {
        String nicId = id("Microsoft.Network/networkInterfaces", nic);
        for (JsonElement c : configurations) {
            JsonObject cp = c.getAsJsonObject().getAsJsonObject("properties");
            if (cp.has("publicIPAddress")) {
                JsonObject ip = get("Microsoft.Network/publicIPAddresses",
                        last(cp.getAsJsonObject("publicIPAddress").get("id").getAsString()));
                if (ip == null) {
                    throw new ArmError(400, "InvalidResourceReference", "Resource "
                            + cp.getAsJsonObject("publicIPAddress").get("id").getAsString() + " was not found.");
                }
                JsonObject held = ip.getAsJsonObject("properties").getAsJsonObject("ipConfiguration");
                if (held != null && !held.get("id").getAsString().startsWith(nicId + "/")) {
                    throw new ArmError(400, "PublicIPAddressInUse", "Public IP address " + ip.get("id").getAsString()
                            + " is in use by " + held.get("id").getAsString() + ".");
                }
            }
        }
        for (JsonObject ip : resources.getOrDefault("Microsoft.Network/publicIPAddresses", Map.of()).values()) {
            JsonObject held = ip.getAsJsonObject("properties").getAsJsonObject("ipConfiguration");
            if (held != null && held.get("id").getAsString().startsWith(nicId + "/")) {
                ip.getAsJsonObject("properties").remove("ipConfiguration");
            }
        }
        for (JsonElement c : configurations) {
            JsonObject cp = c.getAsJsonObject().getAsJsonObject("properties");
            if (cp.has("publicIPAddress")) {
                JsonObject reference = new JsonObject();
                reference.addProperty("id", c.getAsJsonObject().get("id").getAsString());
                get("Microsoft.Network/publicIPAddresses", last(cp.getAsJsonObject("publicIPAddress").get("id")
                        .getAsString())).getAsJsonObject("properties").add("ipConfiguration", reference);
            }
        }
    }

    /** A security group lists the NICs in it ({@code networkInterfaces}, read-only); a NIC is in at most one. */
    private void bindSecurityGroup(String nic, JsonObject group) {
        String nicId = id("Microsoft.Network/networkInterfaces", nic);
        JsonObject target = group == null ? null : get("Microsoft.Network/networkSecurityGroups",
                last(group.get("id").getAsString()));
        if (group != null && target == null) {
            throw new ArmError(400, "InvalidResourceReference", "Resource " + group.get("id").getAsString()
                    + " referenced by resource " + nicId + " was not found.");
        }
        for (JsonObject nsg : resources.getOrDefault("Microsoft.Network/networkSecurityGroups", Map.of()).values()) {
            JsonObject p = nsg.getAsJsonObject("properties");
            JsonArray kept = new JsonArray();
            if (p.has("networkInterfaces")) {
                p.getAsJsonArray("networkInterfaces").forEach(n -> {
                    if (!n.getAsJsonObject().get("id").getAsString().equalsIgnoreCase(nicId)) {
                        kept.add(n);
                    }
                });
            }
            if (nsg == target) {
                JsonObject reference = new JsonObject();
                reference.addProperty("id", nicId);
                kept.add(reference);
            }
            p.add("networkInterfaces", kept);
        }
    }

    private JsonObject action(String type, String name, String action, JsonObject resource) {
        String key = name.toLowerCase();
        if (type.equals("Microsoft.Compute/sshPublicKeys") && action.equals("generateKeyPair")) {
            String publicKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + UUID.randomUUID().toString().replace("-", "")
                    + "== generated-by-azure";
            resource.getAsJsonObject("properties").addProperty("publicKey", publicKey);
            JsonObject answer = new JsonObject();
            answer.addProperty("privateKey", "-----BEGIN RSA PRIVATE KEY-----\nMIIG4wIBAAKCAYEA"
                    + UUID.randomUUID().toString().replace("-", "") + "\n-----END RSA PRIVATE KEY-----\n");
            answer.addProperty("publicKey", publicKey);
            answer.addProperty("id", resource.get("id").getAsString());
            return answer;
        }
        if (type.equals("Microsoft.Compute/disks") && action.equals("beginGetAccess")) {
            String wanted = JsonParser.parseString(lastBody).getAsJsonObject().get("access").getAsString();
            JsonObject p = resource.getAsJsonObject("properties");
            String state = p.get("diskState").getAsString();
            if (resource.has("managedBy")) {
                // the disk of a deallocated VM is Reserved, and may be read
                String holder = last(resource.get("managedBy").getAsString()).toLowerCase();
                state = "deallocated".equals(power.get(holder)) ? "Reserved" : "Attached";
            }
            boolean allowed = wanted.equals("Write") ? state.equals("ReadyToUpload") || state.equals("ActiveUpload")
                    : state.equals("Unattached") || state.equals("ActiveSAS") || state.equals("Reserved");
            if (!allowed) {
                throw new ArmError(409, "OperationNotAllowed", "Disk " + name + " cannot be opened for " + wanted
                        + " while it is " + state + ".");
            }
            access.put(key, wanted);
            if (wanted.equals("Write")) {
                contents.computeIfAbsent(key, k -> new byte[(int) p.getAsJsonObject("creationData")
                        .get("uploadSizeBytes").getAsLong()]);
            }
            p.addProperty("diskState", wanted.equals("Write") ? "ActiveUpload" : "ActiveSAS");
            JsonObject answer = new JsonObject();
            answer.addProperty("accessSAS", baseUrl + "/sas/" + name + "?sv=2021-08-06&sr=b&se=2026-11-26T23%3A00%3A00Z"
                    + "&sp=" + (wanted.equals("Write") ? "rw" : "r") + "&sig=c2t5ZmVkLWZha2U%3D");
            return answer;
        }
        if (type.equals("Microsoft.Compute/disks") && action.equals("endGetAccess")) {
            access.remove(key);
            resource.getAsJsonObject("properties").addProperty("diskState",
                    resource.has("managedBy") ? "Reserved" : "Unattached");
            return new JsonObject();
        }
        if (!type.equals("Microsoft.Compute/virtualMachines")) {
            throw new ArmError(404, "InvalidResourceType", "No action " + action + " on " + type);
        }
        String state = power.get(key);
        switch (action) {
            case "instanceView" -> {
                JsonObject view = instanceView(state);
                power.put(key, switch (state) {
                    case "creating", "starting" -> "running";
                    case "deallocating" -> "deallocated";
                    case "stopping" -> "stopped";
                    default -> state;
                });
                return view;
            }
            case "start" -> power.put(key, "starting");
            case "deallocate" -> power.put(key, "deallocating");
            case "powerOff" -> power.put(key, "stopping");
            case "restart" -> {
                if (!state.equals("running")) {
                    throw new ArmError(409, "OperationNotAllowed", "Operation 'restart' is not allowed on VM '"
                            + name + "' since the VM is " + state + ".");
                }
            }
            default -> throw new ArmError(404, "InvalidResourceType", "No action " + action);
        }
        return new JsonObject();
    }

    private static JsonObject instanceView(String state) {
        JsonArray statuses = new JsonArray();
        JsonObject provisioning = new JsonObject();
        boolean creating = state.equals("creating");
        boolean deleting = state.equals("deleting");
        provisioning.addProperty("code", creating || deleting ? "ProvisioningState/" + state
                : "ProvisioningState/succeeded");
        provisioning.addProperty("level", "Info");
        provisioning.addProperty("displayStatus", creating ? "Creating" : deleting ? "Deleting"
                : "Provisioning succeeded");
        statuses.add(provisioning);
        if (!creating && !deleting) {
            JsonObject powerStatus = new JsonObject();
            powerStatus.addProperty("code", "PowerState/" + state);
            powerStatus.addProperty("level", "Info");
            powerStatus.addProperty("displayStatus", "VM " + state);
            statuses.add(powerStatus);
        }
        JsonObject view = new JsonObject();
        view.addProperty("platformUpdateDomain", 0);
        view.addProperty("platformFaultDomain", 0);
        view.add("statuses", statuses);
        return view;
    }

    private void delete(String type, String name, JsonObject existing) {
        switch (type) {
            case "Microsoft.Compute/virtualMachines" -> {
                for (JsonElement d : dataDisks(existing)) {
                    release(d.getAsJsonObject().get("name").getAsString());
                }
                release(existing.getAsJsonObject("properties").getAsJsonObject("storageProfile")
                        .getAsJsonObject("osDisk").get("name").getAsString());
                power.remove(name.toLowerCase());
                String vmId = id("Microsoft.Compute/virtualMachines", name);
                resources.getOrDefault("Microsoft.Network/networkInterfaces", Map.of()).values().stream()
                        .map(nic -> nic.getAsJsonObject("properties"))
                        .filter(np -> np.has("virtualMachine")
                                && np.getAsJsonObject("virtualMachine").get("id").getAsString().equalsIgnoreCase(vmId))
                        .forEach(np -> np.remove("virtualMachine"));
            }
            case "Microsoft.Network/publicIPAddresses" -> {
                JsonObject held = existing.getAsJsonObject("properties").getAsJsonObject("ipConfiguration");
                if (held != null) {
                    throw new ArmError(400, "PublicIPAddressCannotBeDeleted", "Public IP address " + name
                            + " can not be deleted since it is still allocated to resource " + held.get("id")
                            .getAsString() + ".");
                }
            }
            case "Microsoft.Compute/disks" -> {
                if (existing.has("managedBy")) {
                    throw new ArmError(409, "OperationNotAllowed", "Disk " + name + " is attached to VM "
                            + existing.get("managedBy").getAsString() + ".");
                }
            }
            case "Microsoft.Network/networkInterfaces" -> {
                boolean used = resources.getOrDefault("Microsoft.Compute/virtualMachines", Map.of()).values()
                        .stream().anyMatch(vm -> vm.toString().contains("/networkInterfaces/" + name + "\""));
                if (used) {
                    throw new ArmError(400, "NicInUse", "Network Interface " + name + " is used by existing "
                            + "resource. In order to delete the network interface, it must be dissociated.");
                }
                bindPublicIps(name, new JsonArray());
                bindSecurityGroup(name, null);
            }
            default -> {
            }
        }
        resources.get(type).remove(name.toLowerCase());
        if (type.equals("Microsoft.Compute/disks")) {
            contents.remove(name.toLowerCase());
            access.remove(name.toLowerCase());
        }
    }

    private void release(String diskName) {
        JsonObject disk = get("Microsoft.Compute/disks", diskName);
        if (disk != null) {
            disk.remove("managedBy");
            disk.getAsJsonObject("properties").addProperty("diskState", "Unattached");
        }
    }

    private JsonObject get(String type, String name) {
        return resources.getOrDefault(type, Map.of()).get(name.toLowerCase());
    }

    private JsonObject store(String type, String name, JsonObject body) {
        body.addProperty("id", id(type, name));
        body.addProperty("name", name);
        body.addProperty("type", type);
        if (type.startsWith("Microsoft.Network/")) {
            body.addProperty("etag", "W/\"" + UUID.randomUUID() + "\"");
        }
        if (!body.has("properties")) {
            body.add("properties", new JsonObject());
        }
        body.getAsJsonObject("properties").addProperty("provisioningState", "Succeeded");
        resources.computeIfAbsent(type, t -> new LinkedHashMap<>()).put(name.toLowerCase(), body);
        return body;
    }

    private static String last(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private static ArmError notFound(String type, String name) {
        return new ArmError(404, "ResourceNotFound", "The Resource '" + type + "/" + name + "' under resource "
                + "group '" + GROUP + "' was not found.");
    }

    private static ResponseDefinition ok(String json) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody(json).build();
    }

    static ResponseDefinition error(int status, String code, String message) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ms-failure-cause", "gateway")
                .withBody(errorJson(code, message)).build();
    }

    static String errorJson(String code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("code", code);
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return body.toString();
    }

    static String resourceText(String file) {
        try (InputStream in = ArmFake.class.getResourceAsStream("/azure/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("/SUB/", "/" + SUBSCRIPTION + "/").replace("/GROUP/", "/" + GROUP + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject resource(String file) {
        return JsonParser.parseString(resourceText(file)).getAsJsonObject();
    }

    private static final class ArmError extends RuntimeException {
        final int status;
        final String code;

        ArmError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
