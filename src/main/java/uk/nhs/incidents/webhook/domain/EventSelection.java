package uk.nhs.incidents.webhook.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The events a subscription wants: some of {@link WebhookEvent} by name, or every one, {@code "*"}. */
public record EventSelection(Set<WebhookEvent> events, boolean all) {

    public static final String ALL = "*";
    /** More names than there are events can only repeat them (a constant, for {@code @Size}; a test holds it). */
    public static final int MAX_NAMES = 14;

    public EventSelection {
        events = all ? Set.copyOf(EnumSet.allOf(WebhookEvent.class)) : Set.copyOf(events);
    }

    /** What is wrong with these names as a selection, or nothing when they make one. */
    public static Optional<String> problem(List<String> names) {
        if (names == null || names.isEmpty()) {
            return Optional.of("must name at least one event, or \"*\" for all");
        }
        if (names.contains(ALL)) {
            return names.size() == 1 ? Optional.empty()
                    : Optional.of("\"*\" stands alone: it already means every event");
        }
        return names.stream().filter(name -> name == null || WebhookEvent.named(name).isEmpty()).findFirst()
                .map(name -> "'" + name + "' is not an event; the events are " + Arrays.stream(WebhookEvent.values())
                        .map(WebhookEvent::type).collect(Collectors.joining(", ")) + ", or \"*\" for all");
    }

    /**
     * The selection names make. A name that is no event is ignored rather than refused: requests are checked by
     * {@link #problem} first, and a stored selection naming an event a later release dropped must not fail the
     * changes that read it.
     */
    public static EventSelection of(List<String> names) {
        if (names.contains(ALL)) {
            return new EventSelection(Set.of(), true);
        }
        return new EventSelection(names.stream().flatMap(name -> WebhookEvent.named(name).stream())
                .collect(Collectors.toSet()), false);
    }

    public boolean wants(WebhookEvent event) {
        return events.contains(event);
    }

    /** The names as stored and shown: {@code ["*"]}, or each event once, in their declared order. */
    public List<String> names() {
        return all ? List.of(ALL)
                : Arrays.stream(WebhookEvent.values()).filter(events::contains).map(WebhookEvent::type).toList();
    }
}
