package io.genmod.api;

import io.genmod.api.jobs.TrainingJobs;
import io.genmod.core.FitProgress;
import io.genmod.core.InsufficientMemoryException;
import io.genmod.core.InvalidParameterException;
import io.genmod.core.UnfittableDataException;
import io.genmod.registry.RegistryFullException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns every error into RFC 9457 problem+json; no stack trace, class name or internal message reaches the client. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    private static final int INSUFFICIENT_STORAGE = 507;
    private static final URI BLANK = URI.create("about:blank");

    /**
     * The problem that a failed fit gets, for answers outside a request (training jobs): an exception of ours or
     * an OutOfMemoryError as the HTTP handlers answer them, anything else as unexpected.
     */
    public ProblemDetail problemFor(Throwable e) {
        if (e instanceof InvalidRequestException invalid) {
            return invalidRequest(invalid);
        } else if (e instanceof InvalidParameterException invalid) {
            return invalidParameter(invalid);
        } else if (e instanceof UnfittableDataException unfittable) {
            return unfittable(unfittable, "Cannot fit the model");
        } else if (e instanceof RegistryFullException full) {
            return registryFull(full);
        } else if (e instanceof InsufficientMemoryException memory) {
            return insufficientMemory(memory);
        } else if (e instanceof ModelNotFoundException notFound) {
            return notFound(notFound);
        } else if (e instanceof OperationNotSupportedException unsupported) {
            return unsupported(unsupported);
        } else if (e instanceof OutOfMemoryError memory) {
            return outOfMemory(memory);
        }
        return unexpected(e instanceof Exception exception ? exception : new IllegalStateException(e));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return invalid("The request is invalid.", e.problems());
    }

    /** A numerics option out of range that a family did not map to its own path: it belongs to {@code params}. */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidParameter(InvalidParameterException e) {
        return invalid("A parameter is out of its range.", List.of(new FieldProblem("params." + e.field(), e.getMessage())));
    }

    /** A fit (or, under a model's id, a prediction, sample or score) that the data or the memory do not allow. */
    @ExceptionHandler(UnfittableDataException.class)
    ProblemDetail unfittable(UnfittableDataException e, WebRequest request) {
        boolean answer = request instanceof ServletWebRequest servlet
                && servlet.getRequest().getRequestURI().matches(".*/models/[^/]+/.+");
        return unfittable(e, answer ? "Cannot answer the request" : "Cannot fit the model");
    }

    private static ProblemDetail unfittable(UnfittableDataException e, String title) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, title, e.getMessage());
        if (e.field() != null) {
            problem.setProperty("errors", List.of(new FieldProblem(e.field(), e.getMessage())));
        }
        return problem;
    }

    @ExceptionHandler(ModelNotFoundException.class)
    ProblemDetail notFound(ModelNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Model not found", e.getMessage());
    }

    @ExceptionHandler(OperationNotSupportedException.class)
    ProblemDetail unsupported(OperationNotSupportedException e) {
        return problem(HttpStatus.BAD_REQUEST, "Operation not supported", e.getMessage());
    }

    @ExceptionHandler(RegistryFullException.class)
    ProblemDetail registryFull(RegistryFullException e) {
        return problem(HttpStatusCode.valueOf(INSUFFICIENT_STORAGE), "Model registry full", e.getMessage());
    }

    @ExceptionHandler(InsufficientMemoryException.class)
    ProblemDetail insufficientMemory(InsufficientMemoryException e) {
        return problem(HttpStatusCode.valueOf(INSUFFICIENT_STORAGE), "Not enough free memory", e.getMessage());
    }

    @ExceptionHandler(RequestSizeLimitFilter.TooLargeException.class)
    ProblemDetail tooLarge(RequestSizeLimitFilter.TooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", e.getMessage());
    }

    @ExceptionHandler(TrainingJobs.NotFoundException.class)
    ProblemDetail jobNotFound(TrainingJobs.NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Training job not found", e.getMessage());
    }

    @ExceptionHandler(TrainingJobs.TooManyException.class)
    ProblemDetail tooManyJobs(TrainingJobs.TooManyException e) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, "Too many training jobs", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalid("The request is invalid.", List.of(new FieldProblem(e.getName(), "has the wrong type")));
    }

    /**
     * The heap ran out during a request that passed its memory check (several large requests at once): the
     * request's arrays are garbage now, so the service goes on; 507 as for work the free memory cannot take.
     * (Spring MVC hands an {@link Error} over wrapped in a ServletException, which {@link #unexpected} unwraps.)
     */
    ProblemDetail outOfMemory(OutOfMemoryError e) {
        LOG.warn("A request ran out of memory: {}", e.getMessage());
        return problem(HttpStatusCode.valueOf(INSUFFICIENT_STORAGE), "Not enough free memory",
                "The service ran out of memory for this request while others were running; retry later, or make "
                        + "the request smaller.");
    }

    /** A fit stopped because the server is shutting down (its thread was interrupted). */
    @ExceptionHandler(FitProgress.FitCancelledException.class)
    ProblemDetail cancelled(FitProgress.FitCancelledException e) {
        LOG.info("A fit was cancelled: the server is shutting down");
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                "The fit was cancelled because the server is shutting down; retry on a running instance.");
    }

    /** A fit that ran past genmod.fit-timeout within a request. */
    @ExceptionHandler(FitProgress.FitTimeoutException.class)
    ProblemDetail fitTimeout(FitProgress.FitTimeoutException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Fit took too long",
                "The fit ran longer than " + e.limit().toMillis() / 1000.0 + " s (genmod.fit-timeout) and was stopped; "
                        + "run it as a training job (POST /api/v1/training-jobs), which has no time limit, or ask for "
                        + "less work (fewer iterations, components, restarts or rows).");
    }

    /** A query string that cannot be decoded (bad percent-encoding), found when Spring reads a parameter. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ProblemDetail badQueryString(org.apache.tomcat.util.http.InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "The query string cannot be decoded: check its percent-encoding (%XX with two hexadecimal digits).");
    }

    /** Anything unexpected: logged in full, answered without internals. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        if (e.getCause() instanceof OutOfMemoryError memory) {
            return outOfMemory(memory);
        }
        LOG.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                "An unexpected error occurred; it has been logged.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof RequestSizeLimitFilter.TooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).headers(headers).body(tooLarge(tooLarge));
            }
            cause = cause.getCause();
        }
        ProblemDetail problem;
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            problem = invalid("The request body has an unknown field.",
                    List.of(new FieldProblem(path(unknown), "is not a field of this request")));
        } else if (e.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = path(databind);
            problem = invalid("The request body has a value of the wrong type.",
                    List.of(new FieldProblem(field, "has the wrong type")));
        } else if (e.getCause() instanceof DatabindException) {
            problem = problem(HttpStatus.BAD_REQUEST, "Invalid request body",
                    "The request body must be a JSON object of the documented shape.");
        } else if (e.getCause() instanceof JacksonException number && !number.getPath().isEmpty()) {
            // valid JSON that the field's type cannot hold, e.g. an integer beyond its range
            problem = invalid("The request body has a value out of its field's range.",
                    List.of(new FieldProblem(path(number), "is out of range for its type")));
        } else if (e.getCause() instanceof JacksonException) {
            problem = problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "The request body is not valid JSON.");
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "Unreadable request body", "The request body is missing or unreadable.");
        }
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        return ResponseEntity.badRequest().headers(headers).body(invalid("The request is invalid.", problems));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                problems.add(new FieldProblem(result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return ResponseEntity.badRequest().headers(headers).body(invalid("The request is invalid.", problems));
    }

    private static String path(JacksonException e) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    private static ProblemDetail invalid(String detail, List<FieldProblem> problems) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                problems.isEmpty() ? detail : detail + " " + problems.get(0).field() + ": " + problems.get(0).message());
        problem.setProperty("errors", problems);
        return problem;
    }

    /** The reason phrase of a status (RFC 9110), or "Client Error" / "Server Error" for an unregistered one. */
    static String reason(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : status < 500 ? "Client Error" : "Server Error";
    }

    /**
     * A problem with its {@code type} set: "about:blank", as RFC 9457 section 4.2.1 has it for problems whose
     * status code and title say all there is.
     */
    public static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(BLANK);
        return problem;
    }

    /** Spring's own problems (405, 406, 415, unknown paths, ...) with their {@code type} set as ours are. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType() == null) {
            problem.setType(BLANK);
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
