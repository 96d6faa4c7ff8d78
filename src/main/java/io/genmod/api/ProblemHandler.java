package io.genmod.api;

import io.genmod.api.jobs.TrainingJobs;
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

    /** The problem that a failed fit gets, for answers outside a request (training jobs). */
    public ProblemDetail problemFor(RuntimeException e) {
        if (e instanceof InvalidRequestException invalid) {
            return invalidRequest(invalid);
        } else if (e instanceof InvalidParameterException invalid) {
            return invalidParameter(invalid);
        } else if (e instanceof UnfittableDataException unfittable) {
            return unfittable(unfittable);
        } else if (e instanceof RegistryFullException full) {
            return registryFull(full);
        } else if (e instanceof InsufficientMemoryException memory) {
            return insufficientMemory(memory);
        } else if (e instanceof ModelNotFoundException notFound) {
            return notFound(notFound);
        } else if (e instanceof OperationNotSupportedException unsupported) {
            return unsupported(unsupported);
        }
        return unexpected(e);
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

    @ExceptionHandler(UnfittableDataException.class)
    ProblemDetail unfittable(UnfittableDataException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Cannot fit the model");
        if (e.field() != null) {
            problem.setProperty("errors", List.of(new FieldProblem(e.field(), e.getMessage())));
        }
        return problem;
    }

    @ExceptionHandler(ModelNotFoundException.class)
    ProblemDetail notFound(ModelNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Model not found");
        return problem;
    }

    @ExceptionHandler(OperationNotSupportedException.class)
    ProblemDetail unsupported(OperationNotSupportedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Operation not supported");
        return problem;
    }

    @ExceptionHandler(RegistryFullException.class)
    ProblemDetail registryFull(RegistryFullException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(INSUFFICIENT_STORAGE), e.getMessage());
        problem.setTitle("Model registry full");
        return problem;
    }

    @ExceptionHandler(InsufficientMemoryException.class)
    ProblemDetail insufficientMemory(InsufficientMemoryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(INSUFFICIENT_STORAGE), e.getMessage());
        problem.setTitle("Not enough free memory");
        return problem;
    }

    @ExceptionHandler(RequestSizeLimitFilter.TooLargeException.class)
    ProblemDetail tooLarge(RequestSizeLimitFilter.TooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setTitle("Content Too Large");
        return problem;
    }

    @ExceptionHandler(TrainingJobs.NotFoundException.class)
    ProblemDetail jobNotFound(TrainingJobs.NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Training job not found");
        return problem;
    }

    @ExceptionHandler(TrainingJobs.TooManyException.class)
    ProblemDetail tooManyJobs(TrainingJobs.TooManyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setTitle("Too many training jobs");
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalid("The request is invalid.", List.of(new FieldProblem(e.getName(), "has the wrong type")));
    }

    /** Anything unexpected: logged in full, answered without internals. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        LOG.error("Unexpected error", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; it has been logged.");
        problem.setTitle("Internal Server Error");
        return problem;
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
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body must be a JSON object of the documented shape.");
            problem.setTitle("Invalid request body");
        } else if (e.getCause() instanceof JacksonException) {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid JSON.");
            problem.setTitle("Malformed JSON");
        } else {
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is missing or unreadable.");
            problem.setTitle("Unreadable request body");
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

    private static String path(DatabindException e) {
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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                problems.isEmpty() ? detail : detail + " " + problems.get(0).field() + ": " + problems.get(0).message());
        problem.setTitle("Invalid request");
        problem.setType(URI.create("about:blank"));
        problem.setProperty("errors", problems);
        return problem;
    }
}
