package uk.nhs.incidents.common.database;

import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/** Loads entities by id for repositories: one query for all, those already in the persistence context without one. */
public final class ByIds {

    private ByIds() {
    }

    public static <E> Map<Long, E> load(EntityManager entityManager, Class<E> type, Collection<Long> ids,
            Function<E, Long> idOf) {
        List<E> found = entityManager.unwrap(Session.class).byMultipleIds(type).enableSessionCheck(true)
                .multiLoad(List.copyOf(new LinkedHashSet<>(ids)));
        return found.stream().filter(Objects::nonNull).collect(Collectors.toMap(idOf, Function.identity()));
    }
}
