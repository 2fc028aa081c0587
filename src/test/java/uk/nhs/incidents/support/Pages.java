package uk.nhs.incidents.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Walks a paged list from its first page to its last, following nextCursor as a client would. */
public final class Pages {

    private Pages() {
    }

    /** Every page of the list at {@code path}, asked for {@code limit} items at a time. */
    public static List<JsonPath> walk(String token, String path, int limit) {
        List<JsonPath> pages = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = given().auth().oauth2(token).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            assertThat(page.<Object>get("$")).as("a page is an object {items, nextCursor}, not a bare array")
                    .isInstanceOf(Map.class);
            pages.add(page);
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return pages;
    }

    /** The ids on each page. */
    public static List<List<Long>> ids(List<JsonPath> pages) {
        return pages.stream().map(page -> page.getList("items.id", Long.class)).toList();
    }
}
