package uk.nhs.incidents.common.database;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Ends a {@link QuietDuringOutage} job's run that met an unreachable database, noting the outage. */
@QuietDuringOutage
@Interceptor
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
            if (!DatabaseOutage.isUnreachable(e)) {
                throw e;
            }
            outage.met(e);
            return null;
        }
    }
}
