package uk.nhs.incidents.common.paging;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Pages of a list kept in the order its rows were written: by a timestamp, then by id among rows of the same
 * instant. The cursor carries the last row's pair, so each page starts right after it whatever was added since.
 */
public final class Keyset {

    private Keyset() {
    }

    /**
     * @param find a Panache {@code find(query, parameters)} of the entity listed
     * @param filter the list's condition, over named {@code parameters}
     * @param timeField the entity's timestamp the list is ordered by
     */
    public static <T> List<T> byTimeAndId(BiFunction<String, Parameters, PanacheQuery<T>> find, String filter,
            Parameters parameters, String timeField, PageRequest request) {
        String query = filter;
        if (request.after().isPresent()) {
            Cursor.TimeAndId after = request.after().get().timeAndId();
            query += " and (" + timeField + ", id) > (:afterTime, :afterId)";
            parameters.and("afterTime", after.time()).and("afterId", after.id());
        }
        return find.apply(query + " order by " + timeField + ", id", parameters).page(0, request.fetchSize()).list();
    }
}
