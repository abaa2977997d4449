package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Instance;

import java.time.Instant;

/** A stored mock instance: its public view, and when its pending automatic transition falls due (null: none). */
record MockInstance(Instance instance, Instant transitionDue) {
}
