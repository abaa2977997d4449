package io.skyfed.drivers.spi;

/** What a provider has a limited amount of. */
public enum CapacityResource {
    VCPUS, MEMORY_MB, STORAGE_GB, INSTANCES, PUBLIC_ADDRESSES
}
