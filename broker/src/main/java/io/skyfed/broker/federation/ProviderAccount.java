package io.skyfed.broker.federation;

import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.drivers.spi.Credentials;
import java.util.Optional;

/** A stored provider with its opened credentials, ready for a driver. Lives only as long as one operation. */
public record ProviderAccount(ProviderEntity provider, Optional<Credentials> credentials) {
}
