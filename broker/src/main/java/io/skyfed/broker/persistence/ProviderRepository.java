package io.skyfed.broker.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProviderRepository implements PanacheRepositoryBase<ProviderEntity, UUID> {

    public Uni<ProviderEntity> findByName(String name) {
        return find("name", name).firstResult();
    }

    public Uni<List<ProviderEntity>> listByName() {
        return listAll(Sort.by("name"));
    }

    public Uni<List<ProviderEntity>> listBySource(ProviderSource source) {
        return list("source", Sort.by("name"), source);
    }
}
