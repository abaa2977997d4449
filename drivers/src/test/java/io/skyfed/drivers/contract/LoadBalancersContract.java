package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.Listener;
import io.skyfed.drivers.spi.LoadBalancer;
import io.skyfed.drivers.spi.LoadBalancerService;
import io.skyfed.drivers.spi.LoadBalancerSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.skyfed.drivers.contract.DriverContractTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of the load_balancers collection, for drivers that declare it. */
public interface LoadBalancersContract extends DriverUnderTest {

    @Test
    default void loadBalancersRegisterInstances() {
        LoadBalancerService balancers = session().loadBalancers().orElseThrow();
        Instance instance = session().createInstance(InstanceSpec.ofImage(imageForTests()));
        LoadBalancer lb = balancers.create(new LoadBalancerSpec(uniqueName("lb"),
                instance.realmId(), List.of(new Listener("HTTP", 80, 8080))));
        try {
            assertThat(balancers.register(lb.id(), instance.id()).instanceIds()).contains(instance.id());
            assertThat(balancers.unregister(lb.id(), instance.id()).instanceIds()).doesNotContain(instance.id());
            assertThatThrownBy(() -> balancers.create(new LoadBalancerSpec("bad", instance.realmId(), List.of())))
                    .isInstanceOf(InvalidArgumentException.class);
        } finally {
            balancers.delete(lb.id());
            session().destroy(instance.id());
        }
    }
}
