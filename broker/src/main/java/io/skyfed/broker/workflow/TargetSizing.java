package io.skyfed.broker.workflow;

import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.List;
import java.util.Optional;

/**
 * The hardware profile a job launches its target instance with. The workload's spec says what it needs; a
 * workload registered where it ran, without sizes, needs what its source instance has.
 */
final class TargetSizing {

    private TargetSizing() {
    }

    /**
     * The choice among the target's profiles; once the image to launch exists ({@code image}), among those it
     * says it runs with (an i386 image does not run on an x86_64-only size).
     */
    static ProfileFit.Choice choose(StepContext context, Optional<String> image) {
        JobRequest request = context.request();
        ProfileFit.Needs needs = new ProfileFit.Needs(request.cpus(), request.memoryMb());
        if (!needs.known() && request.sourceInstanceId() != null) {
            needs = ofSource(context);
        }
        List<String> runsWith = image.map(id -> context.target().image(id).hardwareProfileIds()).orElse(List.of());
        List<HardwareProfile> offered = context.target().hardwareProfiles().stream()
                .filter(p -> runsWith.isEmpty() || runsWith.contains(p.id())).toList();
        return ProfileFit.choose(needs, offered, request.hardwareProfile(), request.targetProvider()
                + image.map(id -> " for image " + id).orElse(""));
    }

    private static ProfileFit.Needs ofSource(StepContext context) {
        Instance instance = context.source().instance(context.request().sourceInstanceId());
        Optional<HardwareProfile> profile;
        try {
            profile = Optional.of(context.source().hardwareProfile(instance.profile().hardwareProfileId()));
        } catch (NotFoundException e) {
            profile = Optional.empty();
        }
        return new ProfileFit.Needs((int) value(instance, profile, HardwareProperty.CPU),
                (long) value(instance, profile, HardwareProperty.MEMORY));
    }

    /** The instance's chosen value, else its profile's (default) value; 0 when neither says. */
    private static double value(Instance instance, Optional<HardwareProfile> profile, String property) {
        String text = Optional.ofNullable(instance.profile().overrides().get(property))
                .or(() -> profile.flatMap(p -> p.property(property)).map(HardwareProperty::value)).orElse("0");
        try {
            return Math.ceil(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
