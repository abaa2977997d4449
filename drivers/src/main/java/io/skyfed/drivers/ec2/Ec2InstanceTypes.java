package io.skyfed.drivers.ec2;

import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import java.util.List;
import java.util.Optional;

/**
 * The EC2 instance types offered as hardware profiles. jclouds has no DescribeInstanceTypes, and the full list
 * (800+ types) would drown a Deltacloud client, so the driver offers a curated current-generation set; EC2's sizes
 * are fixed, so every property is FIXED. Figures from the EC2 instance type documentation.
 */
final class Ec2InstanceTypes {

    record Type(String id, int vcpus, int memoryMb, String architecture) {
        HardwareProfile profile() {
            return new HardwareProfile(id, id, List.of(
                    HardwareProperty.fixed(HardwareProperty.CPU, "count", Integer.toString(vcpus)),
                    HardwareProperty.fixed(HardwareProperty.MEMORY, "MB", Integer.toString(memoryMb)),
                    HardwareProperty.fixed(HardwareProperty.ARCHITECTURE, "label", architecture)));
        }
    }

    static final List<Type> ALL = List.of(
            new Type("t3.micro", 2, 1024, "x86_64"),
            new Type("t3.small", 2, 2048, "x86_64"),
            new Type("t3.medium", 2, 4096, "x86_64"),
            new Type("m5.large", 2, 8192, "x86_64"),
            new Type("m5.xlarge", 4, 16384, "x86_64"),
            new Type("m5.2xlarge", 8, 32768, "x86_64"),
            new Type("c5.large", 2, 4096, "x86_64"),
            new Type("c5.xlarge", 4, 8192, "x86_64"),
            new Type("r5.large", 2, 16384, "x86_64"),
            new Type("t4g.micro", 2, 1024, "arm64"),
            new Type("t4g.small", 2, 2048, "arm64"),
            new Type("m6g.large", 2, 8192, "arm64"),
            new Type("m6g.xlarge", 4, 16384, "arm64"));

    private Ec2InstanceTypes() {
    }

    static Optional<Type> find(String id) {
        return ALL.stream().filter(t -> t.id.equals(id)).findFirst();
    }

    static List<String> idsFor(String architecture) {
        return ALL.stream().filter(t -> t.architecture.equals(architecture)).map(Type::id).toList();
    }

    /** The smallest type of an architecture: what Deltacloud clients get when they name no profile. */
    static Type defaultFor(String architecture) {
        return ALL.stream().filter(t -> t.architecture.equals(architecture)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no instance type for " + architecture));
    }
}
