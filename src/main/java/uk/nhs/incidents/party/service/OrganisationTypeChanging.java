package uk.nhs.incidents.party.service;

import uk.nhs.incidents.party.domain.OrganisationType;

/**
 * Fired inside the transaction that is about to change an organisation's type, once it holds the organisation, so
 * that features whose records give the organisation a part by its type (incidents route it by its type) can refuse
 * the change while those records still count on it.
 */
public record OrganisationTypeChanging(String odsCode, OrganisationType from) {
}
