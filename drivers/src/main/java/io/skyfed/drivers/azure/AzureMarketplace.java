package io.skyfed.drivers.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Marketplace images of the provider's location (Compute "Virtual Machine Images": publishers, offers, SKUs,
 * versions), for the offers named in {@code marketplace-offers}; the whole catalogue is thousands of offers, one
 * call each, so nothing is listed unasked. Each SKU is listed once, as the URN
 * {@code publisher:offer:sku:latest} the Azure CLI uses; any version's URN is accepted by {@link #image}, which
 * reads the version ({@code latest}: the newest) and so shows whether it is sold with a purchase plan.
 */
final class AzureMarketplace {

    /** A Marketplace image name: publisher, offer, SKU and version ({@code latest} or a version number). */
    record Urn(String publisher, String offer, String sku, String version) {

        static Optional<Urn> parse(String id) {
            String[] parts = id == null ? new String[0] : id.split(":", -1);
            if (parts.length != 4) {
                return Optional.empty();
            }
            for (String part : parts) {
                if (!part.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Urn(parts[0], parts[1], parts[2], parts[3]));
        }

        String id() {
            return publisher + ":" + offer + ":" + sku + ":" + version;
        }
    }

    private final AzureAccount account;

    AzureMarketplace(AzureAccount account) {
        this.account = account;
    }

    private String publisherPath(String publisher) {
        return "/providers/Microsoft.Compute/locations/" + account.settings.location() + "/publishers/" + publisher
                + "/artifacttypes/vmimage/offers";
    }

    /** One version of a Marketplace image as the catalogue describes it: its number and properties. */
    record Version(String number, JsonObject properties) {

        Optional<AzurePurchasePlan> plan() {
            return AzurePurchasePlan.of(properties);
        }
    }

    /** Versions such as {@code 22.04.202412050} compared part by part, numerically where both parts are numbers. */
    private static final Comparator<String> VERSION_ORDER = (a, b) -> {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("\\d{1,18}") && y[i].matches("\\d{1,18}")
                    ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    };

    private JsonArray names(String operation, String path) {
        return names(operation, path, null);
    }

    private JsonArray names(String operation, String path, String id) {
        return account.idempotent(operation, "image", id,
                () -> account.arm.getArray(path, AzureSession.COMPUTE_API));
    }

    /** The SKUs of the configured offers, each as its latest version. */
    List<Image> images(List<String> sizes) {
        List<Image> images = new ArrayList<>();
        for (String entry : account.settings.marketplace()) {
            String[] publisherOffer = entry.split(":", 2);
            String publisher = publisherOffer[0];
            List<String> offers = new ArrayList<>();
            if (publisherOffer.length == 2) {
                offers.add(publisherOffer[1]);
            } else {
                names("ListVirtualMachineImageOffers", publisherPath(publisher)).forEach(o -> offers.add(name(o)));
            }
            for (String offer : offers) {
                for (JsonElement sku : names("ListVirtualMachineImageSkus",
                        publisherPath(publisher) + "/" + offer + "/skus")) {
                    Urn urn = new Urn(publisher, offer, name(sku), "latest");
                    images.add(image(urn, null, "Marketplace image " + urn.id(), sizes));
                }
            }
        }
        return images;
    }

    /**
     * One Marketplace image by URN, read from its version ({@code latest}: the newest the SKU has).
     *
     * @throws NotFoundException when the catalogue has no such image
     */
    Image image(Urn urn, List<String> sizes) {
        Version version = version(urn);
        String description = "Marketplace image " + urn.id() + (urn.version().equals("latest")
                ? " (now " + version.number() + ")" : "") + version.plan().map(plan -> "; sold with purchase plan "
                + plan + ", whose terms the subscription must accept").orElse("");
        return image(urn, AzureVolumeService.text(version.properties(), "architecture"), description, sizes);
    }

    /**
     * The version a URN names, {@code latest} resolved to the newest the SKU lists: the purchase plan a VM needs is
     * a version's, so a create reads it here.
     *
     * @throws NotFoundException when the catalogue has no such image
     */
    Version version(Urn urn) {
        String versions = publisherPath(urn.publisher()) + "/" + urn.offer() + "/skus/" + urn.sku() + "/versions";
        String number = urn.version();
        if (number.equals("latest")) {
            number = names("ListVirtualMachineImageVersions", versions, urn.id()).asList().stream()
                    .map(AzureMarketplace::name).max(VERSION_ORDER)
                    .orElseThrow(() -> new NotFoundException("image", urn.id()));
        }
        String path = versions + "/" + number;
        JsonObject version = account.idempotent("GetVirtualMachineImage", "image", urn.id(),
                () -> account.arm.get(path, AzureSession.COMPUTE_API));
        JsonObject properties = version.has("properties") && version.get("properties").isJsonObject()
                ? version.getAsJsonObject("properties") : new JsonObject();
        return new Version(number, properties);
    }

    /** Azure says {@code x64} or {@code Arm64} where it says anything; SKU listings do not, and mostly mean x64. */
    private Image image(Urn urn, String azureArchitecture, String description, List<String> sizes) {
        String architecture = "Arm64".equalsIgnoreCase(azureArchitecture)
                || azureArchitecture == null && urn.sku().toLowerCase().contains("arm64") ? "arm64"
                : AzureSession.ARCHITECTURE;
        return new Image(urn.id(), urn.offer() + " " + urn.sku(), description, urn.publisher(), architecture,
                "AVAILABLE", sizes, null);
    }

    private static String name(JsonElement entry) {
        return entry.getAsJsonObject().get("name").getAsString();
    }
}
