package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.Listener;
import io.skyfed.drivers.spi.LoadBalancer;
import io.skyfed.drivers.spi.LoadBalancerService;
import io.skyfed.drivers.spi.LoadBalancerSpec;
import io.skyfed.drivers.spi.NotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Load balancers named by their id, with ELB's naming and listener rules. */
final class MockLoadBalancerService implements LoadBalancerService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    private static final Set<String> PROTOCOLS = Set.of("HTTP", "HTTPS", "TCP", "SSL");

    private final MockCloud cloud;
    private final MockSession session;

    MockLoadBalancerService(MockCloud cloud, MockSession session) {
        this.cloud = cloud;
        this.session = session;
    }

    @Override
    public List<LoadBalancer> list() {
        return List.copyOf(cloud.loadBalancers.values());
    }

    @Override
    public LoadBalancer get(String id) {
        return MockSession.get(cloud.loadBalancers, "load balancer", id);
    }

    @Override
    public LoadBalancer create(LoadBalancerSpec spec) {
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            throw new InvalidArgumentException("name", "a load balancer name is 1 to 32 letters, digits or inner hyphens");
        }
        if (spec.listeners().isEmpty()) {
            throw new InvalidArgumentException("listener_protocol", "a load balancer needs a listener");
        }
        for (Listener l : spec.listeners()) {
            if (!PROTOCOLS.contains(l.protocol())) {
                throw new InvalidArgumentException("listener_protocol", "protocol must be one of HTTP, HTTPS, TCP, SSL");
            }
            if (outOfRange(l.loadBalancerPort()) || outOfRange(l.instancePort())) {
                throw new InvalidArgumentException("listener_balancer_port", "ports must be between 1 and 65535");
            }
        }
        String realm = spec.realmId() == null ? cloud.realms.get(0).id() : spec.realmId();
        if (cloud.realms.stream().noneMatch(r -> r.id().equals(realm))) {
            throw new InvalidArgumentException("realm_id", "realm '" + realm + "' not found");
        }
        synchronized (cloud) {
            if (cloud.loadBalancers.containsKey(spec.name())) {
                throw new InvalidArgumentException("name", "a load balancer named '" + spec.name() + "' exists");
            }
            LoadBalancer lb = new LoadBalancer(spec.name(), spec.name(), List.of(realm), spec.listeners(),
                    List.of(spec.name().toLowerCase(java.util.Locale.ROOT) + ".lb.mock.skyfed.test"), List.of(), cloud.now());
            cloud.loadBalancers.put(lb.id(), lb);
            return lb;
        }
    }

    @Override
    public void delete(String id) {
        if (cloud.loadBalancers.remove(id) == null) {
            throw new NotFoundException("load balancer", id);
        }
    }

    @Override
    public LoadBalancer register(String loadBalancerId, String instanceId) {
        synchronized (cloud) {
            LoadBalancer lb = get(loadBalancerId);
            session.instance(instanceId);
            if (lb.instanceIds().contains(instanceId)) {
                return lb;
            }
            List<String> members = new ArrayList<>(lb.instanceIds());
            members.add(instanceId);
            return put(lb, members);
        }
    }

    @Override
    public LoadBalancer unregister(String loadBalancerId, String instanceId) {
        synchronized (cloud) {
            LoadBalancer lb = get(loadBalancerId);
            if (!lb.instanceIds().contains(instanceId)) {
                throw new NotFoundException("load balancer member", instanceId);
            }
            return put(lb, lb.instanceIds().stream().filter(i -> !i.equals(instanceId)).toList());
        }
    }

    private LoadBalancer put(LoadBalancer lb, List<String> members) {
        LoadBalancer updated = new LoadBalancer(lb.id(), lb.name(), lb.realmIds(), lb.listeners(), lb.publicAddresses(),
                members, lb.createdAt());
        cloud.loadBalancers.put(lb.id(), updated);
        return updated;
    }

    private static boolean outOfRange(int port) {
        return port < 1 || port > 65535;
    }
}
