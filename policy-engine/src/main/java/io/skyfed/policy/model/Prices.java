package io.skyfed.policy.model;

/** What a site charges (or what on-premise capacity costs internally), in one currency across the fleet. */
public record Prices(double vcpuHour, double ramGiBHour, double storageGiBMonth, double egressGiB) {

    public static final Prices FREE = new Prices(0, 0, 0, 0);

    private static final double HOURS_PER_MONTH = 730;

    public Prices {
        if (vcpuHour < 0 || ramGiBHour < 0 || storageGiBMonth < 0 || egressGiB < 0
                || !Double.isFinite(vcpuHour + ramGiBHour + storageGiBMonth + egressGiB)) {
            throw new IllegalArgumentException("prices must be finite and not negative");
        }
    }

    /** Hourly cost of running a workload of this size here. */
    public double hourlyCost(Resources size) {
        return size.vcpu() * vcpuHour + size.ramMiB() / 1024.0 * ramGiBHour
                + size.diskGiB() * storageGiBMonth / HOURS_PER_MONTH;
    }

    /** Cost of moving a disk of this size out of a site with these prices. */
    public double egressCost(long diskGiB) {
        return diskGiB * egressGiB;
    }
}
