package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.CapacityFigure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract of capacity reports (hosts' CPU and RAM on premise, quotas and usage in public clouds). */
public interface CapacityContract extends DriverUnderTest {

    @Test
    default void capacityFiguresAreConsistent() {
        List<CapacityFigure> figures = session().capacity().orElseThrow().capacity().figures();
        assertThat(figures).isNotEmpty();
        figures.forEach(f -> assertThat(f.limit() == CapacityFigure.UNLIMITED || f.used() <= f.limit())
                .as(f.toString()).isTrue());
    }
}
