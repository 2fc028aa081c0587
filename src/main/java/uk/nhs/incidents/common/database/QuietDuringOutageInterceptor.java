package uk.nhs.incidents.common.database;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Ends a {@link QuietDuringOutage} job's run that met an unreachable database, noting the outage. Not when the run
 * failed otherwise as well (a failure suppressed beside the outage, one of a job's parallel loops), nor for a method
 * with a result to give: those go on to the scheduler, logged as before.
 */
@QuietDuringOutage
@Interceptor
// Outermost, so that it sees what any transaction or other interceptor of the job threw.
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
class QuietDuringOutageInterceptor {

    private final DatabaseOutage outage;

    QuietDuringOutageInterceptor(DatabaseOutage outage) {
        this.outage = outage;
    }

    @AroundInvoke
    Object run(InvocationContext job) throws Exception {
        try {
            return job.proceed();
        } catch (RuntimeException e) {
            if (job.getMethod().getReturnType() != void.class || !DatabaseOutage.isOnlyUnreachable(e)) {
                throw e;
            }
            outage.met(e);
            return null;
        }
    }
}
