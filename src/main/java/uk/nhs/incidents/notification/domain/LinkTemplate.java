package uk.nhs.incidents.notification.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an email's link leads: an absolute http(s) URL with the incident's {@code {reference}} or {@code {id}} in
 * it, such as a portal's page of the incident. Checked when the service starts, so that a mistyped template stops
 * the start rather than sending every email with a broken link.
 */
public final class LinkTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final String REFERENCE = "{reference}";
    private static final String ID = "{id}";
    private static final Set<String> KNOWN = Set.of(REFERENCE, ID);
    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final String template;
    private final String host;

    private LinkTemplate(String template, String host) {
        this.template = template;
        this.host = host;
    }

    /** The template, or an {@link IllegalArgumentException} saying what is wrong with it. */
    public static LinkTemplate of(String template) {
        checkPlaceholders(template);
        URI sample = sample(template.replace(REFERENCE, "INC-2026-000001").replace(ID, "1"));
        URI another = sample(template.replace(REFERENCE, "TST-2027-000002").replace(ID, "2"));
        if (!sample.getRawAuthority().equals(another.getRawAuthority())) {
            // A host made from the incident would send each link, and the recipient's click, somewhere else.
            throw new IllegalArgumentException("must keep {reference} and {id} out of the host and port: every link "
                    + "leads to the same site");
        }
        return new LinkTemplate(template, sample.getHost().toLowerCase(Locale.ROOT));
    }

    /** The link to one incident. References and ids hold only characters a URL may carry as they are. */
    public String link(long id, String reference) {
        return template.replace(REFERENCE, reference).replace(ID, String.valueOf(id));
    }

    /** The host the links lead to. */
    public String host() {
        return host;
    }

    private static void checkPlaceholders(String template) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        boolean any = false;
        while (placeholder.find()) {
            if (!KNOWN.contains(placeholder.group())) {
                throw new IllegalArgumentException("unknown placeholder " + placeholder.group()
                        + "; a link template knows only {reference} and {id}");
            }
            any = true;
        }
        if (placeholder.replaceAll("").matches(".*[{}].*")) {
            throw new IllegalArgumentException("has an unmatched brace");
        }
        if (!any) {
            throw new IllegalArgumentException("must name the incident with {reference} or {id}");
        }
    }

    private static URI sample(String link) {
        try {
            URI uri = new URI(link);
            if (uri.getScheme() == null || !SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an absolute http or https URL with a host, e.g. "
                        + "https://portal.example/incidents/{reference}");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL: " + e.getMessage(), e);
        }
    }
}
