package io.skyfed.drivers.spi;

/** Which traffic a firewall rule admits: arriving at the members ({@code INGRESS}) or leaving them ({@code EGRESS}). */
public enum FirewallDirection {
    INGRESS,
    EGRESS
}
