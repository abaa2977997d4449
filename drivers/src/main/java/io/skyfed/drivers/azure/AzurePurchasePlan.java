package io.skyfed.drivers.azure;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.util.Optional;

/**
 * The purchase plan a Marketplace image version may carry ({@code properties.plan} of "Virtual Machine Images -
 * Get"): a VM from such an image must name the same plan, and the subscription must have accepted its terms.
 *
 * @param publisher the plan's publisher
 * @param product   the plan's product (the Marketplace offer)
 * @param name      the plan's id
 */
record AzurePurchasePlan(String publisher, String product, String name) {

    private static final String IDENTIFIER = "[A-Za-z0-9][A-Za-z0-9._-]*";

    /** The plan of a version's properties, if it has one. */
    static Optional<AzurePurchasePlan> of(JsonObject versionProperties) {
        if (versionProperties == null || !versionProperties.has("plan") || !versionProperties.get("plan").isJsonObject()) {
            return Optional.empty();
        }
        JsonObject plan = versionProperties.getAsJsonObject("plan");
        AzurePurchasePlan found = new AzurePurchasePlan(AzureVolumeService.text(plan, "publisher"),
                AzureVolumeService.text(plan, "product"), AzureVolumeService.text(plan, "name"));
        // the parts go into MarketplaceOrdering paths, so anything but an identifier is refused
        for (String part : new String[] {found.publisher, found.product, found.name}) {
            if (part == null || !part.matches(IDENTIFIER)) {
                throw new ProviderUnavailableException("Resource Manager described a purchase plan without a usable "
                        + "publisher, product and name: " + plan, null);
            }
        }
        return Optional.of(found);
    }

    /** The Azure CLI command that accepts the plan's terms, for messages that tell an operator how. */
    String acceptCommand() {
        return "az vm image terms accept --publisher " + publisher + " --offer " + product + " --plan " + name;
    }

    @Override
    public String toString() {
        return publisher + ":" + product + ":" + name;
    }
}
