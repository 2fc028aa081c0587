package uk.nhs.incidents.incident.api;

/**
 * Request bodies the contract shows as examples. A test sends each of them (with its own deployment and ODS codes)
 * and expects it accepted, so they stay true to the rules.
 */
final class IncidentExamples {

    static final String RAISE_LIVE = """
            {"deploymentId": 1, "phase": "LIVE", "impact": 2, "urgency": 2,
             "title": "Referrals to 111 not arriving",
             "description": "Since 09:10 referrals sent to 111 are not acknowledged.\\nCalls are being re-keyed.",
             "occurredAt": "2026-11-21T09:10:00Z", "externalReference": "NAS-INC-4471",
             "correlationId": "0f8fad5b-d9cb-469f-a165-70867728950e",
             "barsRequestId": "7c9e6679-7425-40de-944b-e07fc1f90ae7"}""";

    static final String RAISE_TEST = """
            {"deploymentId": 1, "phase": "TEST", "severity": 4, "clinicalSafety": false,
             "title": "Appointment times shown in UTC during BST",
             "description": "Test script 14, step 3: the booking confirmation shows 08:30 for a 09:30 slot.",
             "occurredAt": "2026-11-20T14:05:00Z"}""";

    static final String RAISE_SAFETY = """
            {"deploymentId": 1, "phase": "LIVE", "severity": 3, "clinicalSafety": true,
             "nationalComponentSuspected": true, "title": "Referral sent to the wrong service",
             "description": "A referral for chest pain reached the dental service instead of the ED.",
             "occurredAt": "2026-11-21T11:42:00+00:00"}""";

    static final String TRIAGE = """
            {"to": "TRIAGED"}""";

    static final String START_WORK = """
            {"to": "IN_PROGRESS"}""";

    static final String WAIT_FOR_INFORMATION = """
            {"to": "AWAITING_INFO", "reason": "Please send the message id of one referral that did not arrive.",
             "waitingOn": "RX9"}""";

    static final String RESOLVE = """
            {"to": "RESOLVED", "resolutionCode": "FIXED",
             "reason": "Certificate on the 111 endpoint renewed; queued referrals resent."}""";

    static final String CANCEL = """
            {"to": "CANCELLED", "reason": "Raised in error: the referral was sent to a test endpoint."}""";

    static final String RAISE_SEVERITY = """
            {"severity": 2, "reason": "Every referral from the trust fails, not only out-of-hours ones."}""";

    static final String FLAG_CLINICAL_SAFETY = """
            {"clinicalSafety": true, "reason": "Two patients waited over an hour for a call back."}""";

    static final String MOVE_TO_LIVE = """
            {"phase": "LIVE", "reason": "Found in testing, and now seen in live service since go-live."}""";

    static final String CLINICAL_REVIEW = """
            {"outcome": "No harm found; hazard H-17 (lost referral) controls confirmed adequate.",
             "hazardLogReference": "HAZ-2026-017"}""";

    private IncidentExamples() {
    }
}
