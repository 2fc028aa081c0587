package uk.nhs.incidents.party.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every registered organisation at one moment, by ODS code; immutable, so any number of threads may read it. */
public final class OrganisationRegister {

    private final Map<String, RegisteredOrganisation> byCode;
    private final Map<OrganisationType, String> firstOfEachType;

    public OrganisationRegister(List<RegisteredOrganisation> organisations) {
        Map<String, RegisteredOrganisation> codes = new HashMap<>();
        Map<OrganisationType, String> first = new EnumMap<>(OrganisationType.class);
        for (RegisteredOrganisation organisation : organisations) {
            codes.put(organisation.odsCode(), organisation);
            first.merge(organisation.type(), organisation.odsCode(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        // A hash map answers a lookup of null with nothing, where Map.copyOf's would throw.
        this.byCode = Collections.unmodifiableMap(codes);
        this.firstOfEachType = Map.copyOf(first);
    }

    public Optional<RegisteredOrganisation> find(String odsCode) {
        return Optional.ofNullable(byCode.get(odsCode));
    }

    /** Those of {@code odsCodes} that are registered, in a map of the caller's own that answers null for the rest. */
    public Map<String, RegisteredOrganisation> byCode(Collection<String> odsCodes) {
        return odsCodes.stream().distinct().filter(byCode::containsKey)
                .collect(Collectors.toMap(Function.identity(), byCode::get));
    }

    public boolean hasAll(Collection<String> odsCodes) {
        return byCode.keySet().containsAll(odsCodes);
    }

    /** For national roles with one organisation each: the first registered of each type, by ODS code. */
    public Map<OrganisationType, String> firstOfEachType(Collection<OrganisationType> types) {
        return types.stream().distinct().filter(firstOfEachType::containsKey)
                .collect(Collectors.toUnmodifiableMap(Function.identity(), firstOfEachType::get));
    }
}
