package io.skyfed.broker.workflow;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.skyfed.drivers.ec2.Ec2Stubs;
import io.skyfed.drivers.spi.ProviderSettings;
import java.util.Map;

/**
 * An on-premise mock ({@code dc-mock}) and a public site served by the EC2 driver ({@code aws}) against the
 * drivers' stateful EC2 and S3 fakes on WireMock (VM Import/Export: ImportImage, ExportImage and their
 * Describe*Tasks, RunInstances, S3 staging), started once for the JVM.
 */
public class Ec2EndToEndProfile implements QuarkusTestProfile {

    static final String ON_PREMISE = "dc-mock";
    static final String AWS = "aws";
    static final String BUCKET = "skyfed-disks";

    static final Ec2Stubs STUBS = new Ec2Stubs();

    /** The EC2 provider as the broker and the tests open it. */
    static ProviderSettings aws() {
        return STUBS.settings(AWS, Map.of("disk-bucket", BUCKET, "disk-transfer.poll", "PT0.05S",
                "fault.timeout", "PT10S", "fault.max-retries", "2", "fault.retry-base", "PT0.01S"));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = JobEngineProfile.engine();
        String mock = "skyfed.providers." + ON_PREMISE + ".";
        config.put(mock + "driver", "mock");
        config.put(mock + "location", "on-premise");
        config.put(mock + "user", "mockuser");
        config.put(mock + "secret", "mockpassword");
        ProviderSettings aws = aws();
        String prefix = "skyfed.providers." + AWS + ".";
        config.put(prefix + "driver", "ec2");
        config.put(prefix + "location", "public");
        config.put(prefix + "endpoint", aws.endpoint().toString());
        config.put(prefix + "region", aws.region());
        config.put(prefix + "user", Ec2Stubs.credentials().user());
        config.put(prefix + "secret", Ec2Stubs.credentials().secret());
        aws.properties().forEach((key, value) -> config.put(prefix + "properties.\"" + key + "\"", value));
        return config;
    }
}
