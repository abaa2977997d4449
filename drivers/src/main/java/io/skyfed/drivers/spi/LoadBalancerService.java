package io.skyfed.drivers.spi;

import java.util.List;

/** Load balancers ({@link CollectionKind#LOAD_BALANCERS}). */
public interface LoadBalancerService {

    List<LoadBalancer> list();

    /** @throws NotFoundException when there is no such load balancer */
    LoadBalancer get(String id);

    /** @throws InvalidArgumentException for a taken name, unknown realm, no listener or a bad port */
    LoadBalancer create(LoadBalancerSpec spec);

    /** @throws NotFoundException when there is no such load balancer */
    void delete(String id);

    /** @throws NotFoundException when the load balancer or instance does not exist */
    LoadBalancer register(String loadBalancerId, String instanceId);

    /** @throws NotFoundException when the load balancer does not exist or the instance is not a member */
    LoadBalancer unregister(String loadBalancerId, String instanceId);
}
