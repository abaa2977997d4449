package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.Metric;
import io.skyfed.drivers.spi.MetricSample;
import io.skyfed.drivers.spi.MetricSeries;
import io.skyfed.drivers.spi.MetricService;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch-like metrics of running instances: five-minute samples over the last half hour, computed from the
 * instance id and the time slot, so the same question always gets the same answer.
 */
final class MockMetricService implements MetricService {

    private static final Duration PERIOD = Duration.ofMinutes(5);
    private static final int SAMPLES = 6;
    private static final List<String[]> SERIES = List.of(
            new String[]{"cpuUtilization", "Percent", "100"},
            new String[]{"networkIn", "Bytes", "50000000"},
            new String[]{"networkOut", "Bytes", "20000000"},
            new String[]{"diskReadBytes", "Bytes", "80000000"},
            new String[]{"diskWriteBytes", "Bytes", "40000000"});

    private final MockCloud cloud;
    private final MockSession session;

    MockMetricService(MockCloud cloud, MockSession session) {
        this.cloud = cloud;
        this.session = session;
    }

    @Override
    public List<Metric> list() {
        return session.instances().stream().filter(i -> i.state() == InstanceState.RUNNING)
                .map(i -> new Metric(i.id(), "instance", List.of())).toList();
    }

    @Override
    public Metric get(String entityId) {
        Instance instance = session.instance(entityId);
        if (instance.state() != InstanceState.RUNNING) {
            return new Metric(entityId, "instance", List.of());
        }
        Instant end = cloud.now().truncatedTo(ChronoUnit.MINUTES);
        end = end.minusSeconds(end.getEpochSecond() % PERIOD.toSeconds());
        List<MetricSeries> series = new ArrayList<>();
        for (String[] s : SERIES) {
            List<MetricSample> samples = new ArrayList<>();
            for (int k = SAMPLES - 1; k >= 0; k--) {
                Instant at = end.minus(PERIOD.multipliedBy(k));
                samples.add(sample(entityId + "/" + s[0] + "/" + at.getEpochSecond(), at, Double.parseDouble(s[2])));
            }
            series.add(new MetricSeries(s[0], s[1], samples));
        }
        return new Metric(entityId, "instance", series);
    }

    private static MetricSample sample(String seed, Instant at, double scale) {
        long h = seed.hashCode() & 0xffffffffL;
        double average = (h % 1000) / 1000.0 * scale * 0.6;
        double spread = ((h / 1000) % 1000) / 1000.0 * scale * 0.2;
        return new MetricSample(at, round(average), round(Math.max(0, average - spread)), round(Math.min(scale, average + spread)));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
