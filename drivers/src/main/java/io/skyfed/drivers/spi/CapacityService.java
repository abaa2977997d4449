package io.skyfed.drivers.spi;

/** Capacity figures for placement and burst decisions. */
public interface CapacityService {

    CapacityReport capacity();
}
