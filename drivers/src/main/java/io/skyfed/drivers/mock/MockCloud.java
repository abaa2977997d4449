package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Address;
import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceAddress;
import io.skyfed.drivers.spi.InstanceProfile;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InstanceStateMachine;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.KeyPair;
import io.skyfed.drivers.spi.LoadBalancer;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.Realm;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageVolume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole in-memory state of one mock provider. Reads are lock-free over immutable records; every change
 * takes the cloud's monitor, so changes that span collections (attach a volume, delete a firewall in use) are
 * atomic. Automatic instance transitions (pending → running, stopping → stopped) happen on the first read at or
 * after their due time, so behaviour depends only on the clock, never on a background thread.
 */
final class MockCloud {

    final Clock clock;
    final Duration transitionDelay;
    final InstanceStateMachine states;

    final List<Realm> realms;
    final List<HardwareProfile> hardwareProfiles;
    final ConcurrentMap<String, Image> images = sortedMap();
    final ConcurrentMap<String, MockInstance> instances = sortedMap();
    final ConcurrentMap<String, KeyPair> keys = sortedMap();
    final ConcurrentMap<String, StorageVolume> volumes = sortedMap();
    final ConcurrentMap<String, StorageSnapshot> snapshots = sortedMap();
    final ConcurrentMap<String, MockBucket> buckets = sortedMap();
    final ConcurrentMap<String, Address> addresses = sortedMap();
    final ConcurrentMap<String, Firewall> firewalls = sortedMap();
    final ConcurrentMap<String, LoadBalancer> loadBalancers = sortedMap();
    final AtomicLong sequence = new AtomicLong();
    final MockDisks disks;
    final MockGate gate;

    MockCloud(Clock clock, Duration transitionDelay, InstanceStateMachine states, List<Realm> realms,
              List<HardwareProfile> hardwareProfiles, MockDisks disks, MockGate gate) {
        this.disks = disks;
        this.gate = gate;
        this.clock = clock;
        this.transitionDelay = transitionDelay;
        this.states = states;
        this.realms = List.copyOf(realms);
        this.hardwareProfiles = List.copyOf(hardwareProfiles);
    }

    private static <V> ConcurrentMap<String, V> sortedMap() {
        return new ConcurrentSkipListMap<>(NaturalIdOrder.INSTANCE);
    }

    Instant now() {
        return clock.instant();
    }

    /** A fresh id with {@code prefix}, never reused in this cloud. */
    String nextId(String prefix, Map<String, ?> taken) {
        String id;
        do {
            id = prefix + sequence.getAndIncrement();
        } while (taken.containsKey(id));
        return id;
    }

    /** The actions an instance offers in {@code state}: the state machine's, plus capturing an image. */
    Set<InstanceAction> actionsIn(InstanceState state) {
        Set<InstanceAction> actions = EnumSet.noneOf(InstanceAction.class);
        actions.addAll(states.actionsIn(state));
        if (state == InstanceState.RUNNING || state == InstanceState.STOPPED) {
            actions.add(InstanceAction.CREATE_IMAGE);
        }
        return actions;
    }

    /** Stores {@code instance} in {@code state}, scheduling the state's automatic transition if it has one. */
    MockInstance inState(Instance instance, InstanceState state, Instant at) {
        Instance moved = new Instance(instance.id(), instance.name(), instance.ownerId(), instance.imageId(),
                instance.realmId(), instance.profile(), state, actionsIn(state), instance.publicAddresses(),
                instance.privateAddresses(), instance.keyName(), instance.firewallIds(), instance.volumes(),
                instance.launchedAt());
        Instant due = states.automaticNext(state).isPresent() ? at.plus(transitionDelay) : null;
        return new MockInstance(moved, due);
    }

    /** Stores a new instance in {@code state}, with addresses derived from its id; the caller has checked every reference. */
    Instance storeInstance(String id, String name, String owner, String imageId, String realmId, InstanceProfile profile,
                   String keyName, List<String> firewallIds, InstanceState state, Instant launchedAt) {
        long n = Long.parseLong(id.replaceAll("\\D", "").isEmpty() ? "0" : id.replaceAll("\\D", "")) % 65_000;
        String host = (n / 254) + "." + (n % 254 + 1);
        Instance instance = new Instance(id, name, owner, imageId, realmId, profile, state, Set.of(),
                List.of(new InstanceAddress("198.18." + host, InstanceAddress.Type.IPV4)),
                List.of(new InstanceAddress("10.0." + host, InstanceAddress.Type.IPV4)),
                keyName, firewallIds, List.of(), launchedAt);
        MockInstance stored = inState(instance, state, now());
        instances.put(id, stored);
        return stored.instance();
    }

    /** The instance as of now, applying any automatic transitions that fell due. */
    Instance settle(String id, MockInstance stored) {
        MockInstance current = stored;
        Instant now = now();
        while (current.transitionDue() != null && !now.isBefore(current.transitionDue())) {
            InstanceState next = states.automaticNext(current.instance().state()).orElseThrow();
            current = inState(current.instance(), next, current.transitionDue());
        }
        if (current != stored) {
            // A concurrent change wins; this read still answers with what was true when it started.
            instances.replace(id, stored, current);
        }
        return current.instance();
    }

    /** The live instance {@code id} of {@code owner}, settled. */
    Instance instance(String id, String owner) {
        MockInstance stored = instances.get(id);
        if (stored == null || !stored.instance().ownerId().equals(owner)) {
            throw new NotFoundException("instance", id);
        }
        return settle(id, stored);
    }

    /** Changes a stored instance in place (attachments, firewalls), keeping its state and pending transition. */
    synchronized void updateInstance(String id, java.util.function.UnaryOperator<Instance> change) {
        instances.computeIfPresent(id, (key, stored) -> new MockInstance(change.apply(stored.instance()),
                stored.transitionDue()));
    }

    /** Applies a client action, moving the instance along the state machine or refusing. */
    synchronized Instance act(String id, String owner, InstanceAction action) {
        Instance current = instance(id, owner);
        InstanceState next = states.next(current.state(), action).orElseThrow(() -> new InvalidStateException(
                "instance " + id + " cannot " + action.apiName() + " while " + current.state()));
        MockInstance moved = inState(current, next, now());
        instances.put(id, moved);
        return moved.instance();
    }
}
