package io.skyfed.broker.drivers;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.skyfed.drivers.ec2.Ec2Stubs;
import io.skyfed.drivers.fakes.RecordedProvider;
import java.util.HashMap;
import java.util.Map;

/** An EC2 provider defined in configuration ({@code skyfed.providers.cfg-ec2.*}), served by the drivers' EC2 fake. */
public class ConfiguredEc2Provider implements QuarkusTestResourceLifecycleManager {

    static final String NAME = "cfg-ec2";
    private RecordedProvider cloud;

    @Override
    public Map<String, String> start() {
        cloud = Ec2Stubs.recorded(NAME);
        String prefix = "skyfed.providers." + NAME + ".";
        Map<String, String> config = new HashMap<>();
        config.put(prefix + "driver", "ec2");
        config.put(prefix + "location", "public");
        config.put(prefix + "endpoint", cloud.settings().endpoint().toString());
        config.put(prefix + "region", cloud.settings().region());
        config.put(prefix + "user", cloud.credentials().user());
        config.put(prefix + "secret", cloud.credentials().secret());
        cloud.settings().properties().forEach((key, value) -> config.put(prefix + "properties." + key, value));
        return config;
    }

    @Override
    public void stop() {
        try {
            cloud.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
