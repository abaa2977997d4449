package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceProfile;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.Realm;

import java.util.Map;

/** Validates an {@link InstanceSpec} completely, then creates the instance; on any error nothing is stored. */
final class MockInstanceFactory {

    private final MockCloud cloud;
    private final MockSession session;

    MockInstanceFactory(MockCloud cloud, MockSession session) {
        this.cloud = cloud;
        this.session = session;
    }

    Instance create(InstanceSpec spec, String owner) {
        synchronized (cloud) {
            Image image = existing(() -> session.image(spec.imageId()), "image_id", spec.imageId());
            Realm realm = spec.realmId() == null ? cloud.realms.get(0)
                    : existing(() -> session.realm(spec.realmId()), "realm_id", spec.realmId());
            String profileId = spec.hardwareProfileId() == null ? image.hardwareProfileIds().get(0) : spec.hardwareProfileId();
            HardwareProfile profile = existing(() -> session.hardwareProfile(profileId), "hwp_id", profileId);
            if (!image.hardwareProfileIds().contains(profile.id())) {
                throw new InvalidArgumentException("hwp_id", "hardware profile " + profile.id()
                        + " does not fit image " + image.id() + " (" + image.architecture() + ")");
            }
            checkOverrides(profile, spec.profileOverrides());
            if (spec.keyName() != null && !cloud.keys.containsKey(spec.keyName())) {
                throw new InvalidArgumentException("keyname", "key '" + spec.keyName() + "' not found");
            }
            for (String firewall : spec.firewallIds()) {
                if (!cloud.firewalls.containsKey(firewall)) {
                    throw new InvalidArgumentException("firewalls", "firewall '" + firewall + "' not found");
                }
            }
            if (!realm.available()) {
                throw new InvalidArgumentException("realm_id", "realm " + realm.id() + " is not available");
            }
            String id = cloud.nextId("inst", cloud.instances);
            String name = spec.name() == null || spec.name().isBlank() ? id : spec.name();
            Instance created = cloud.storeInstance(id, name, owner, image.id(), realm.id(),
                    new InstanceProfile(profile.id(), spec.profileOverrides()), spec.keyName(), spec.firewallIds(),
                    cloud.states.next(InstanceState.START, InstanceAction.CREATE).orElseThrow(), cloud.now());
            StoredDisk imported = cloud.disks.images().get(image.id());
            if (imported != null) {
                cloud.disks.instances().put(id, imported);
            }
            return created;
        }
    }

    private static void checkOverrides(HardwareProfile profile, Map<String, String> overrides) {
        overrides.forEach((name, value) -> {
            HardwareProperty property = profile.property(name).orElseThrow(() -> new InvalidArgumentException(
                    "hwp_" + name, "hardware profile " + profile.id() + " has no property " + name));
            if (!property.accepts(value)) {
                throw new InvalidArgumentException(property.parameterName(), "'" + value + "' is not a valid "
                        + name + " for hardware profile " + profile.id() + describe(property));
            }
        });
    }

    private static String describe(HardwareProperty p) {
        return switch (p.kind()) {
            case FIXED -> " (fixed at " + p.value() + ")";
            case RANGE -> " (" + p.first() + ".." + p.last() + ")";
            case ENUM -> " (one of " + String.join(", ", p.values()) + ")";
        };
    }

    private static <T> T existing(java.util.function.Supplier<T> lookup, String parameter, String id) {
        try {
            return lookup.get();
        } catch (NotFoundException e) {
            throw new InvalidArgumentException(parameter, e.getMessage());
        }
    }
}
