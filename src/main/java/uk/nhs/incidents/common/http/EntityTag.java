package uk.nhs.incidents.common.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.PreconditionFailedException;
import uk.nhs.incidents.common.problem.PreconditionRequiredException;

/**
 * Strong ETags of versioned resources (incidents, organisations, deployments), {@code "7"}, and the conditions
 * over them and over other tags (evidence's, its SHA-256): {@code If-Match} on changes and conditional downloads
 * (strong comparison, RFC 9110 13.1.1) and {@code If-None-Match} on reads (weak comparison, 13.1.2). A condition that
 * is neither {@code *} nor a list of tags ({@code 7} unquoted, {@code "7"x}) is a 400: compared as it was, it
 * matched nothing, and a change was refused 412 as if someone else had made one meanwhile.
 */
public final class EntityTag {

    private static final String WEAK = "W/";
    /** An entity tag as RFC 9110 8.8.3 writes it: optionally weak, quoted, of visible characters but the quote. */
    private static final Pattern TAG = Pattern.compile("(?:W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"");

    private EntityTag() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Whether an {@code If-Match} value, a list of tags or {@code *}, names the current version; no weak tag does. */
    public static boolean matches(String ifMatch, long version) {
        return names(ifMatch, HttpHeaders.IF_MATCH, of(version), false);
    }

    /** Whether an {@code If-Match} value names {@code tag}, the quoted ETag of a resource not versioned by number. */
    public static boolean matches(String ifMatch, String tag) {
        return names(ifMatch, HttpHeaders.IF_MATCH, tag, false);
    }

    /** Whether an {@code If-None-Match} value, a list of tags or {@code *}, names the current version, weak or not. */
    public static boolean matchesWeakly(String ifNoneMatch, long version) {
        return names(ifNoneMatch, HttpHeaders.IF_NONE_MATCH, of(version), true);
    }

    /** Whether an {@code If-None-Match} value names {@code tag}, weak or not. */
    public static boolean matchesWeakly(String ifNoneMatch, String tag) {
        return names(ifNoneMatch, HttpHeaders.IF_NONE_MATCH, tag, true);
    }

    /**
     * Refuses a change sent without {@code If-Match} (428), or with one that is no condition (400), before anything is
     * read: without it, the change could overwrite one the caller has not seen. {@code what} names the resource in the
     * problem.
     */
    public static void requirePresent(String ifMatch, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException(what);
        }
        tags(ifMatch, HttpHeaders.IF_MATCH);
    }

    /** Refuses a change whose {@code If-Match} no longer names the current version (412). */
    public static void requireCurrent(String ifMatch, long version, String what) {
        if (!matches(ifMatch, version)) {
            throw new PreconditionFailedException("The " + what + " has changed since you read it (now at ETag "
                    + of(version) + "); read it again and retry.");
        }
    }

    /** 200 with the body and the ETag of its version. */
    public static <T> RestResponse<T> ok(T body, long version) {
        return RestResponse.ResponseBuilder.ok(body).header(HttpHeaders.ETAG, of(version)).build();
    }

    /** 304 without a body, with the ETag the caller already holds. */
    public static <T> RestResponse<T> notModified(long version) {
        return RestResponse.ResponseBuilder.<T>create(Response.Status.NOT_MODIFIED)
                .header(HttpHeaders.ETAG, of(version)).build();
    }

    /** Whether a list of tags, or {@code *}, names {@code current}; a weak tag counts only under weak comparison. */
    private static boolean names(String condition, String header, String current, boolean weak) {
        return tags(condition, header).stream().anyMatch(tag -> tag.equals("*") || tag.equals(current)
                || weak && tag.startsWith(WEAK) && tag.substring(WEAK.length()).equals(current));
    }

    /** The condition's tags (empty ones ignored, as in any list), or {@code *} alone; anything else is a 400. */
    private static List<String> tags(String condition, String header) {
        List<String> tags = Arrays.stream(condition.split(",")).map(String::strip).filter(tag -> !tag.isEmpty())
                .toList();
        if (!tags.equals(List.of("*")) && !tags.stream().allMatch(tag -> TAG.matcher(tag).matches())) {
            throw new InvalidInputException(header, "is not * or a list of entity tags as ETag gives them, such as"
                    + " \"7\"");
        }
        return tags;
    }
}
