package io.skyfed.broker.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.skyfed.broker.federation.ProviderInventory;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAddress;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON shapes of the federated inventory: every item names its provider and where that provider is. */
final class InventoryViews {

    private InventoryViews() {
    }

    /** Where an item lives: the provider, whether it is on premise or public, and its region. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "InventoryLocation")
    record Where(String provider, String driver, @Schema(enumeration = {"on-premise", "public"}) String location,
                 String region) {

        static Where of(ProviderInventory inventory) {
            return new Where(inventory.provider(), inventory.driver(),
                    ProviderRequest.location(inventory.location()), inventory.region());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "InventoryInstance")
    record InstanceItem(Where where, String id, String name, String state, String realm, String image,
                        String hardwareProfile, List<String> publicAddresses, List<String> privateAddresses,
                        Instant launchedAt) {

        static InstanceItem of(ProviderInventory inventory, Instance instance) {
            return new InstanceItem(Where.of(inventory), instance.id(), instance.name(), instance.state().apiName(),
                    instance.realmId(), instance.imageId(), instance.profile().hardwareProfileId(),
                    addresses(instance.publicAddresses()), addresses(instance.privateAddresses()),
                    instance.launchedAt());
        }

        private static List<String> addresses(List<InstanceAddress> addresses) {
            return addresses.stream().map(InstanceAddress::address).toList();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "InventoryImage")
    record ImageItem(Where where, String id, String name, String description, String owner, String architecture,
                     String state, Instant createdAt) {

        static ImageItem of(ProviderInventory inventory, Image image) {
            return new ImageItem(Where.of(inventory), image.id(), image.name(), image.description(), image.ownerId(),
                    image.architecture(), image.state(), image.createdAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "InventoryHardwareProfile")
    record HardwareProfileItem(Where where, String id, String name, List<Property> properties) {

        static HardwareProfileItem of(ProviderInventory inventory, HardwareProfile profile) {
            return new HardwareProfileItem(Where.of(inventory), profile.id(), profile.name(),
                    profile.properties().stream().map(Property::of).toList());
        }
    }

    /** One dimension of a hardware profile: a fixed value, a range (first..last) or an enumeration. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @Schema(name = "HardwareProfileProperty")
    record Property(String name, @Schema(enumeration = {"fixed", "range", "enum"}) String kind, String unit,
                    String value, String first, String last, List<String> values) {

        static Property of(HardwareProperty property) {
            return new Property(property.name(), property.kind().name().toLowerCase(), property.unit(),
                    property.value(), property.first(), property.last(), property.values());
        }
    }

    /** How fresh one provider's part of the inventory is. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "InventoryProviderStatus")
    record ProviderStatus(String provider, Instant refreshedAt, Instant attemptedAt, Double ageSeconds,
                          boolean stale, String error) {
    }

    /** A page of inventory items, with the freshness of every provider that contributed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InventoryPage<T>(List<T> items, String nextCursor, List<ProviderStatus> providers) {
    }
}
