package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.Metric;
import io.skyfed.drivers.spi.MetricService;
import io.skyfed.drivers.spi.NotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of the metrics collection, for drivers that declare it. */
public interface MetricsContract extends DriverUnderTest {

    @Test
    default void runningInstancesReportMetrics() {
        MetricService metrics = session().metrics().orElseThrow();
        Instance instance = session().createInstance(InstanceSpec.ofImage(imageForTests()));
        try {
            awaitState(instance.id(), InstanceState.RUNNING);
            assertThat(metrics.list()).extracting(Metric::id).contains(instance.id());
            Metric metric = metrics.get(instance.id());
            assertThat(metric.id()).isEqualTo(instance.id());
            assertThat(metric.series()).isNotEmpty().allSatisfy(s -> assertThat(s.samples()).isNotEmpty());
        } finally {
            session().destroy(instance.id());
        }
        assertThatThrownBy(() -> metrics.get("no-such-instance")).isInstanceOf(NotFoundException.class);
    }
}
