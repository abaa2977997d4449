package io.skyfed.broker.policy;

import io.skyfed.policy.PolicyEngine;
import io.skyfed.policy.plugin.PluginRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The policy engine, compiled once at start: from skyfed.policy.file, else the built-in policy. An invalid
 * policy stops the broker at start with every error located, rather than at the first decision.
 */
public class PolicyProducer {

    static final String BUILT_IN = "skyfed/default-policy.yaml";

    @Produces
    @ApplicationScoped
    PolicyEngine engine(PolicyConfig config) {
        return config.file().map(PolicyEngine::load).orElseGet(PolicyProducer::builtIn);
    }

    private static PolicyEngine builtIn() {
        try (InputStream in = PolicyProducer.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the broker");
            }
            return PolicyEngine.parse(BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    PluginRegistry.builtIn());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
