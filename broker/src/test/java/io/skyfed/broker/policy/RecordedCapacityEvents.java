package io.skyfed.broker.policy;

import io.skyfed.broker.federation.CapacityCrossed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the capacity events the inventory fires, so a test can see the loop would be woken. */
@ApplicationScoped
public class RecordedCapacityEvents {

    private final List<CapacityCrossed> events = new CopyOnWriteArrayList<>();

    void on(@Observes CapacityCrossed event) {
        events.add(event);
    }

    public List<CapacityCrossed> of(String provider) {
        return events.stream().filter(e -> e.provider().equals(provider)).toList();
    }
}
