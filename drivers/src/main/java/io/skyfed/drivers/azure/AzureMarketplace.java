package io.skyfed.drivers.azure;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Marketplace images of the provider's location (Compute "Virtual Machine Images": publishers, offers, SKUs,
 * versions), for the offers named in {@code marketplace-offers}; the whole catalogue is thousands of offers, one
 * call each, so nothing is listed unasked. Each SKU is listed once, as the URN
 * {@code publisher:offer:sku:latest} the Azure CLI uses; any version's URN is accepted by {@link #image}.
 * Images sold with a purchase plan need their terms accepted first, which the driver does not do.
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

    private JsonArray names(String operation, String path) {
        return account.idempotent(operation, "image", null,
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
                    images.add(image(new Urn(publisher, offer, name(sku), "latest"), null, sizes));
                }
            }
        }
        return images;
    }

    /**
     * One Marketplace image by URN: {@code latest} when its SKU exists, a version when the catalogue has it.
     *
     * @throws NotFoundException when the catalogue has no such image
     */
    Image image(Urn urn, List<String> sizes) {
        String skus = publisherPath(urn.publisher()) + "/" + urn.offer() + "/skus";
        if (urn.version().equals("latest")) {
            boolean exists = false;
            for (JsonElement sku : names("ListVirtualMachineImageSkus", skus)) {
                exists |= name(sku).equalsIgnoreCase(urn.sku());
            }
            if (!exists) {
                throw new NotFoundException("image", urn.id());
            }
            return image(urn, null, sizes);
        }
        JsonObject version = account.idempotent("GetVirtualMachineImage", "image", urn.id(), () -> account.arm.get(
                skus + "/" + urn.sku() + "/versions/" + urn.version(), AzureSession.COMPUTE_API));
        JsonObject properties = version.getAsJsonObject("properties");
        String architecture = properties == null ? null : AzureVolumeService.text(properties, "architecture");
        return image(urn, architecture, sizes);
    }

    /** Azure says {@code x64} or {@code Arm64} where it says anything; SKU listings do not, and mostly mean x64. */
    private Image image(Urn urn, String azureArchitecture, List<String> sizes) {
        String architecture = "Arm64".equalsIgnoreCase(azureArchitecture)
                || azureArchitecture == null && urn.sku().toLowerCase().contains("arm64") ? "arm64"
                : AzureSession.ARCHITECTURE;
        return new Image(urn.id(), urn.offer() + " " + urn.sku(), "Marketplace image " + urn.id(), urn.publisher(),
                architecture, "AVAILABLE", sizes, null);
    }

    private static String name(JsonElement entry) {
        return entry.getAsJsonObject().get("name").getAsString();
    }
}
