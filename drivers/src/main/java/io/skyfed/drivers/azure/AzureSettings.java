package io.skyfed.drivers.azure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's Azure settings: one provider is one subscription, one resource group and one location.
 *
 * @param subscriptionId the subscription whose resources the driver manages
 * @param tenantId       the Entra ID (Azure AD) tenant that issues tokens for the service principal
 * @param resourceGroup  the resource group that holds the driver's VMs, disks, images, keys and NICs
 * @param location       the location (realm) new resources go to
 * @param armEndpoint    Resource Manager, {@code https://management.azure.com} unless overridden (tests)
 * @param loginEndpoint  the token issuer, {@code https://login.microsoftonline.com} unless overridden (tests)
 * @param subnetId       the resource id of the subnet new NICs join; empty when instances cannot be created
 * @param publicIp       whether each new instance gets a public IP address
 * @param adminUser      the Linux administrator account of new instances
 * @param storageAccount the storage account that serves buckets; empty when none is configured
 * @param blobEndpoint   the Blob service endpoint; empty for the account's own {@code *.blob.core.windows.net}
 * @param socketTimeout  connect and read timeout of every HTTP call, below the guard's attempt timeout because a
 *                       guard cannot interrupt blocked socket I/O
 * @param marketplace    Marketplace offers listed as images: {@code publisher:offer}, or {@code publisher} for all
 *                       of a publisher's offers
 * @param acceptTerms    whether the driver may accept a Marketplace purchase plan's legal terms on the
 *                       subscription's behalf when an instance is created from such an image (an explicit opt-in)
 * @param operationTimeout how long a VM delete (and the deletes of its parts) is followed before giving up
 */
public record AzureSettings(String subscriptionId, String tenantId, String resourceGroup, String location,
                            URI armEndpoint, URI loginEndpoint, Optional<String> subnetId, boolean publicIp,
                            String adminUser, Optional<String> storageAccount, Optional<URI> blobEndpoint,
                            Duration socketTimeout, List<String> marketplace, boolean acceptTerms,
                            Duration operationTimeout) {

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._()-]{0,89}";

    public static AzureSettings from(Map<String, String> settings, Duration attemptTimeout) {
        String subscription = required(settings, "subscription-id");
        if (!subscription.matches("[0-9a-fA-F-]{36}")) {
            throw new IllegalArgumentException("azure setting subscription-id=" + subscription + " is not a GUID");
        }
        String tenant = required(settings, "tenant-id");
        if (!tenant.matches("[A-Za-z0-9.-]{1,100}")) {
            throw new IllegalArgumentException("azure setting tenant-id=" + tenant + " is not a tenant id or domain");
        }
        String group = required(settings, "resource-group");
        if (!group.matches(NAME)) {
            throw new IllegalArgumentException("azure setting resource-group=" + group + " is not a group name");
        }
        String location = required(settings, "region");
        if (!location.matches("[a-z0-9]{2,40}")) {
            throw new IllegalArgumentException("azure region " + location + " is not a location name (westeurope)");
        }
        String admin = settings.getOrDefault("admin-user", "skyfed").trim();
        if (!admin.matches("[a-z_][a-z0-9_-]{0,31}") || admin.equals("root") || admin.equals("admin")) {
            throw new IllegalArgumentException("azure setting admin-user=" + admin + " is not an allowed user name");
        }
        Optional<String> account = optional(settings, "storage-account");
        account.ifPresent(a -> {
            if (!a.matches("[a-z0-9]{3,24}")) {
                throw new IllegalArgumentException("azure setting storage-account=" + a + " is not an account name");
            }
        });
        return new AzureSettings(subscription.toLowerCase(), tenant, group, location,
                uri(settings, "endpoint").orElse(URI.create("https://management.azure.com")),
                uri(settings, "login-endpoint").orElse(URI.create("https://login.microsoftonline.com")),
                optional(settings, "subnet-id"),
                Boolean.parseBoolean(settings.getOrDefault("public-ip", "true").trim()),
                admin, account, uri(settings, "blob-endpoint"),
                attemptTimeout.multipliedBy(3).dividedBy(4), marketplace(settings),
                bool(settings, "accept-marketplace-terms", false), operationTimeout(settings));
    }

    private static boolean bool(Map<String, String> settings, String key, boolean fallback) {
        String value = optional(settings, key).orElse(String.valueOf(fallback));
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("azure setting " + key + "=" + value + " is not true or false");
        }
        return Boolean.parseBoolean(value);
    }

    private static Duration operationTimeout(Map<String, String> settings) {
        String value = optional(settings, "operation-timeout").orElse("PT10M");
        try {
            Duration timeout = Duration.parse(value);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("azure setting operation-timeout=" + value + " is not positive");
            }
            return timeout;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("azure setting operation-timeout=" + value + " is not an ISO-8601 "
                    + "duration (PT10M)", e);
        }
    }

    private static List<String> marketplace(Map<String, String> settings) {
        List<String> offers = optional(settings, "marketplace-offers").map(v -> List.of(v.split("\\s*,\\s*")))
                .orElse(List.of());
        for (String offer : offers) {
            if (!offer.matches("[A-Za-z0-9][A-Za-z0-9._-]*(:[A-Za-z0-9][A-Za-z0-9._-]*)?")) {
                throw new IllegalArgumentException("azure setting marketplace-offers: '" + offer + "' is not "
                        + "publisher or publisher:offer");
            }
        }
        return offers;
    }

    /** Resource Manager's URL of the subscription, the root of every resource path. */
    String subscriptionUrl() {
        return trimSlash(armEndpoint) + "/subscriptions/" + subscriptionId;
    }

    /** The OAuth2 token endpoint (v1, client credentials) of the tenant. */
    String tokenUrl() {
        return trimSlash(loginEndpoint) + "/" + tenantId + "/oauth2/token";
    }

    /** The resource id of a resource of {@code type} (Microsoft.Compute/disks) in the group. */
    String resourceId(String type, String name) {
        return "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup + "/providers/" + type + "/"
                + name;
    }

    private static String trimSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String required(Map<String, String> settings, String key) {
        return optional(settings, key).orElseThrow(() -> new IllegalArgumentException("azure setting " + key
                + " is required"));
    }

    private static Optional<String> optional(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Optional<URI> uri(Map<String, String> settings, String key) {
        Optional<String> value = optional(settings, key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(value.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("azure setting " + key + "=" + value.get() + " is not a URL", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("azure setting " + key + "=" + value.get() + " is not an http(s) URL");
        }
        return Optional.of(uri);
    }
}
