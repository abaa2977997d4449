package io.skyfed.broker.secrets;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the one {@link EnvelopeCipher} of the process from the configured master keys. */
public class SecretsProducer {

    @Produces
    @Singleton
    EnvelopeCipher envelopeCipher(SecretsConfig config) {
        MasterKeyLoader loader = new MasterKeyLoader(config);
        return new EnvelopeCipher(loader.current(), loader.previous());
    }
}
