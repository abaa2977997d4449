package io.skyfed.broker.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SecretRepository implements PanacheRepositoryBase<SecretEntity, UUID> {

    public Uni<List<SecretEntity>> listNotSealedWith(String masterKeyId) {
        return list("masterKeyId <> ?1", masterKeyId);
    }
}
