package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.StorageVolumeService;
import io.skyfed.drivers.spi.StorageVolumeSpec;
import org.junit.jupiter.api.Test;

import static io.skyfed.drivers.contract.DriverContractTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of the storage_volumes collection, for drivers that declare it. */
public interface StorageVolumesContract extends DriverUnderTest {

    @Test
    default void volumesAttachToInstancesAndDetach() {
        StorageVolumeService volumes = session().storageVolumes().orElseThrow();
        Instance instance = session().createInstance(InstanceSpec.ofImage(imageForTests()));
        StorageVolume volume = volumes.create(new StorageVolumeSpec(uniqueName("vol"), 1L, instance.realmId(), null, null));
        try {
            awaitState(instance.id(), InstanceState.RUNNING);
            StorageVolume attached = volumes.attach(volume.id(), instance.id(), null);
            assertThat(attached.attachment()).isNotNull();
            assertThat(attached.attachment().instanceId()).isEqualTo(instance.id());
            assertThatThrownBy(() -> volumes.delete(volume.id())).isInstanceOf(InvalidStateException.class);
            assertThat(volumes.detach(volume.id()).attachment()).isNull();
            assertThatThrownBy(() -> volumes.detach(volume.id())).isInstanceOf(InvalidStateException.class);
        } finally {
            volumes.delete(volume.id());
            session().destroy(instance.id());
        }
        assertThatThrownBy(() -> volumes.get(volume.id())).isInstanceOf(NotFoundException.class);
    }
}
