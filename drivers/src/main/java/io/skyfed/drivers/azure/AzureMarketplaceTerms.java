package io.skyfed.drivers.azure;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderUnavailableException;

/**
 * The legal terms of Marketplace purchase plans (Microsoft.MarketplaceOrdering "Marketplace Agreements"): Resource
 * Manager refuses a VM from an image sold with a plan until the subscription has accepted the plan's terms.
 * Accepting them binds the customer, so the driver does it only when the provider opts in with
 * {@code accept-marketplace-terms}; otherwise the create is refused before anything is made.
 */
final class AzureMarketplaceTerms {

    private static final System.Logger LOG = System.getLogger(AzureMarketplaceTerms.class.getName());
    static final String API = "2021-01-01";

    private final AzureAccount account;

    AzureMarketplaceTerms(AzureAccount account) {
        this.account = account;
    }

    static String path(AzurePurchasePlan plan) {
        return "/providers/Microsoft.MarketplaceOrdering/offerTypes/virtualmachine/publishers/" + plan.publisher()
                + "/offers/" + plan.product() + "/plans/" + plan.name() + "/agreements/current";
    }

    /**
     * Returns when the plan's terms are accepted, accepting them first when the provider opted in.
     *
     * @throws InvalidArgumentException when they are not accepted and the provider did not opt in
     */
    void requireAccepted(AzurePurchasePlan plan, String imageId) {
        String path = path(plan);
        JsonObject terms = account.idempotent("GetMarketplaceTerms", "image", imageId,
                () -> account.arm.get(path, API));
        if (accepted(terms)) {
            return;
        }
        if (!account.settings.acceptTerms()) {
            throw new InvalidArgumentException("image_id", "image '" + imageId + "' is sold with purchase plan "
                    + plan + ", whose terms this subscription has not accepted; accept them (" + plan.acceptCommand()
                    + ") or set accept-marketplace-terms=true on the provider to let Skyfed accept them");
        }
        // "Marketplace Agreements - Create": the terms just read (their signature included), marked accepted
        if (!terms.has("properties") || !terms.get("properties").isJsonObject()) {
            throw new ProviderUnavailableException("Resource Manager answered the terms of plan " + plan
                    + " without their properties", null);
        }
        terms.getAsJsonObject("properties").addProperty("accepted", true);
        JsonObject answer = account.idempotent("AcceptMarketplaceTerms", "image", imageId,
                () -> account.arm.put(path, API, terms));
        if (!accepted(answer)) {
            throw new ProviderUnavailableException("Resource Manager did not record the acceptance of the terms of "
                    + "plan " + plan, null);
        }
        LOG.log(System.Logger.Level.INFO, "accepted the Marketplace terms of plan " + plan + " for subscription "
                + account.settings.subscriptionId() + " (accept-marketplace-terms=true)");
    }

    private static boolean accepted(JsonObject terms) {
        JsonObject properties = terms.has("properties") && terms.get("properties").isJsonObject()
                ? terms.getAsJsonObject("properties") : null;
        return properties != null && properties.has("accepted") && properties.get("accepted").isJsonPrimitive()
                && properties.get("accepted").getAsBoolean();
    }
}
