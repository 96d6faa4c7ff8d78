package io.genmod.api;

import io.genmod.registry.InMemoryModelRegistry;
import io.genmod.registry.ModelRegistry;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.time.Clock;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Wires the registry, the body-size limit, the fits' time limit, JSON input and output, Tomcat's own error answers and the OpenAPI
 * description.
 */
@Configuration
public class ServiceConfiguration {

    @Bean
    ModelRegistry<ServedModel> modelRegistry(GenmodProperties properties) {
        return new InMemoryModelRegistry<>(properties.registryCapacity(), Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(GenmodProperties properties) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties.maxRequestSize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    FilterRegistrationBean<FitDeadlineFilter> fitDeadlineFilter(GenmodProperties properties) {
        FilterRegistrationBean<FitDeadlineFilter> registration =
                new FilterRegistrationBean<>(new FitDeadlineFilter(properties.fitTimeout()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /**
     * JSON cannot carry NaN or infinities: every non-finite double is written as null (API.md, conventions); and
     * scalars are not coerced, so that a wrong type is refused as API.md says.
     */
    @Bean
    JsonMapperBuilderCustomizer nonFiniteAsNull() {
        SimpleModule module = new SimpleModule("non-finite-as-null");
        ValueSerializer<Double> scalar = new ValueSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializationContext ctxt) {
                writeDouble(value, gen);
            }
        };
        module.addSerializer(Double.class, scalar);
        module.addSerializer(double.class, scalar);
        module.addSerializer(double[].class, new ValueSerializer<>() {
            @Override
            public void serialize(double[] values, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeStartArray(values, values.length);
                for (double v : values) {
                    writeDouble(v, gen);
                }
                gen.writeEndArray();
            }
        });
        // a wrong type is a 400 (API.md): no "5" for a number, no 5 for a string
        return builder -> builder.addModule(module).disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    private static void writeDouble(double v, JsonGenerator gen) {
        if (Double.isFinite(v)) {
            gen.writeNumber(v);
        } else {
            gen.writeNull();
        }
    }

    /** Errors Tomcat answers itself, before Spring sees the request, as problem+json ({@link ProblemReportValve}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    @Bean
    OpenAPI genmodOpenApi() {
        return new OpenAPI().info(new Info()
                .title("genmod")
                .version("v1")
                .description("""
                        Fit density models and generative classifiers and ask them questions.

                        Conventions: data matrices are `x: [[...], ...]`, one row per observation (a flat list \
                        means one column); only finite JSON numbers are accepted. Values JSON cannot carry \
                        (a log-density of minus infinity) are returned as `null`. Every random operation takes \
                        an optional integer `seed` and is repeatable with it. Unknown keys in `params` are \
                        rejected so a misspelt parameter is never silently ignored.

                        Errors are RFC 9457 `application/problem+json` with `type`, `title`, `status`, `detail`, \
                        `instance`, and for validation errors an `errors` list of `{field, message}` pointing \
                        at the offending element (e.g. `x[3][1]`, `params.components`). 400 invalid input, \
                        404 unknown id, 413 body over the limit, 415 not JSON, 422 well-formed but cannot be \
                        fitted (also when a fit, prediction, sample or score would need more than half of the \
                        service's heap, e.g. n rows x k components of responsibilities, or a Bayesian network's \
                        CPT entries: the detail says what to reduce, and when a fit within a request runs past \
                        genmod.fit-timeout, 60 s by default: training jobs have no limit), 503 a fit cancelled \
                        because the server is shutting down, 507 registry full, or work within the memory limit \
                        but above the memory the stored models and other requests leave free (delete models or \
                        retry)."""));
    }
}
