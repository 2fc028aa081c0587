package uk.nhs.incidents.common.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The OpenTelemetry SDK when tracing is switched on, exporting over OTLP/HTTP; a no-op otherwise. */
@ApplicationScoped
public class Tracing {

    private SdkTracerProvider provider;

    @Produces
    @Singleton
    OpenTelemetry openTelemetry(TracingConfig config) {
        if (!config.enabled()) {
            return OpenTelemetry.noop();
        }
        provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.builder().put("service.name", config.serviceName()).build())))
                .addSpanProcessor(BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder().setEndpoint(config.endpoint()).build())
                        .setScheduleDelay(config.exportEvery()).build())
                .build();
        return OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    }

    @PreDestroy
    void flush() {
        if (provider != null) {
            provider.close();
        }
    }
}
