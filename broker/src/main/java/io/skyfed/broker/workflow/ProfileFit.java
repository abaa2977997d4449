package io.skyfed.broker.workflow;

import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chooses the hardware profile a workload is launched with on a target: the one the request names, or else the
 * smallest of the target's profiles whose CPUs and memory cover the workload's: fewest CPUs, then least memory,
 * with ranges and enumerations sized to the needs (through profile overrides), so an exactly sized range beats a
 * larger fixed size and a fixed size wins a tie. Profiles that state no CPU or memory are never guessed at.
 */
final class ProfileFit {

    /** What the workload needs; zero means unknown. */
    record Needs(int cpus, long memoryMb) {
        boolean known() {
            return cpus > 0 || memoryMb > 0;
        }

        @Override
        public String toString() {
            return cpus + " CPU(s) and " + memoryMb + " MB";
        }
    }

    /** The profile to launch with (null: the driver's default), the values chosen within it, and why. */
    record Choice(String profileId, Map<String, String> overrides, String explanation) {
    }

    private record Sized(HardwareProfile profile, double cpus, double memoryMb, Map<String, String> overrides) {
        boolean ranged() {
            return !overrides.isEmpty();
        }
    }

    private ProfileFit() {
    }

    static Choice choose(Needs needs, List<HardwareProfile> offered, String requested, String provider) {
        if (requested != null) {
            HardwareProfile profile = offered.stream().filter(p -> p.id().equals(requested)).findFirst()
                    .orElseThrow(() -> new PermanentFailure("the request names hardware profile '" + requested
                            + "', which " + provider + " does not offer (it offers " + ids(offered) + ")"));
            Map<String, String> overrides = size(profile, needs).map(Sized::overrides).orElse(Map.of());
            return new Choice(profile.id(), overrides, "hardware profile " + profile.id() + " as requested");
        }
        if (!needs.known()) {
            return new Choice(null, Map.of(), "the workload states no CPUs or memory: " + provider
                    + "'s default profile");
        }
        Sized best = offered.stream().map(p -> size(p, needs)).flatMap(Optional::stream)
                .min(Comparator.comparingDouble(Sized::cpus).thenComparingDouble(Sized::memoryMb)
                        .thenComparing(Sized::ranged))
                .orElseThrow(() -> new PermanentFailure("no hardware profile of " + provider + " fits the workload's "
                        + needs + ": it offers " + describe(offered)));
        return new Choice(best.profile().id(), best.overrides(), "hardware profile " + best.profile().id()
                + (best.ranged() ? " " + best.overrides() : "") + ": the smallest profile of " + provider
                + " that fits the workload's " + needs);
    }

    /** The profile sized to the needs, or empty when it cannot hold them or states no CPUs or memory. */
    private static Optional<Sized> size(HardwareProfile profile, Needs needs) {
        Optional<HardwareProperty> cpu = profile.property(HardwareProperty.CPU);
        Optional<HardwareProperty> memory = profile.property(HardwareProperty.MEMORY);
        if (cpu.isEmpty() || memory.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        Optional<Double> cpus = fit(cpu.get(), Math.max(needs.cpus(), 1), overrides);
        Optional<Double> megabytes = fit(memory.get(), needs.memoryMb(), overrides);
        if (cpus.isEmpty() || megabytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Sized(profile, cpus.get(), megabytes.get(), Map.copyOf(overrides)));
    }

    /** The smallest value of the property that holds {@code need}; records an override when it is not the default. */
    private static Optional<Double> fit(HardwareProperty property, double need, Map<String, String> overrides) {
        Optional<Double> chosen = switch (property.kind()) {
            case FIXED -> number(property.value()).filter(v -> v >= need);
            case RANGE -> number(property.last()).filter(last -> last >= need)
                    .flatMap(last -> number(property.first()).map(first -> Math.max(first, Math.ceil(need))));
            case ENUM -> property.values().stream().map(ProfileFit::number).flatMap(Optional::stream)
                    .filter(v -> v >= need).min(Double::compare);
        };
        chosen.filter(v -> property.kind() != HardwareProperty.Kind.FIXED)
                .filter(v -> !number(property.value()).equals(Optional.of(v)))
                .ifPresent(v -> overrides.put(property.name(), text(v)));
        return chosen;
    }

    private static Optional<Double> number(String text) {
        try {
            return Optional.of(Double.parseDouble(text));
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static String text(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static List<String> ids(List<HardwareProfile> offered) {
        return offered.stream().map(HardwareProfile::id).toList();
    }

    private static String describe(List<HardwareProfile> offered) {
        List<String> sizes = new ArrayList<>();
        for (HardwareProfile profile : offered) {
            String cpu = profile.property(HardwareProperty.CPU).map(ProfileFit::span).orElse("?");
            String memory = profile.property(HardwareProperty.MEMORY).map(ProfileFit::span).orElse("?");
            sizes.add(profile.id() + " (" + cpu + " CPU, " + memory + " MB)");
        }
        return sizes.stream().collect(Collectors.joining(", "));
    }

    private static String span(HardwareProperty property) {
        return switch (property.kind()) {
            case FIXED -> property.value();
            case RANGE -> property.first() + "-" + property.last();
            case ENUM -> String.join("|", property.values());
        };
    }
}
