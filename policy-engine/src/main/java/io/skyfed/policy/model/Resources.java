package io.skyfed.policy.model;

/** An amount of compute: a workload's size, a site's capacity, use or free room. Integral so batch accounting is exact. */
public record Resources(long vcpu, long ramMiB, long diskGiB, long gpus) {

    public static final Resources ZERO = new Resources(0, 0, 0, 0);

    public Resources {
        if (vcpu < 0 || ramMiB < 0 || diskGiB < 0 || gpus < 0) {
            throw new IllegalArgumentException("resources must not be negative: " + vcpu + " vCPU, " + ramMiB
                    + " MiB, " + diskGiB + " GiB, " + gpus + " GPU");
        }
    }

    public Resources plus(Resources o) {
        return new Resources(vcpu + o.vcpu, ramMiB + o.ramMiB, diskGiB + o.diskGiB, gpus + o.gpus);
    }

    /** Subtraction that floors at zero: an overcommitted site simply has no room left. */
    public Resources minusFloored(Resources o) {
        return new Resources(Math.max(0, vcpu - o.vcpu), Math.max(0, ramMiB - o.ramMiB),
                Math.max(0, diskGiB - o.diskGiB), Math.max(0, gpus - o.gpus));
    }

    public boolean fits(Resources room) {
        return vcpu <= room.vcpu && ramMiB <= room.ramMiB && diskGiB <= room.diskGiB && gpus <= room.gpus;
    }

    /** The highest of the used/capacity ratios over the dimensions the capacity has (0 when empty). */
    public static double utilisation(Resources used, Resources capacity) {
        double u = 0;
        u = Math.max(u, ratio(used.vcpu, capacity.vcpu));
        u = Math.max(u, ratio(used.ramMiB, capacity.ramMiB));
        u = Math.max(u, ratio(used.diskGiB, capacity.diskGiB));
        u = Math.max(u, ratio(used.gpus, capacity.gpus));
        return u;
    }

    private static double ratio(long used, long capacity) {
        return capacity == 0 ? 0 : (double) used / capacity;
    }
}
