package io.genmod.api;

import io.genmod.core.FitProgress;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives the fits a request runs a time limit ({@code genmod.fit-timeout}): past it the next iteration or
 * {@link FitProgress#checkpoint} (between a classifier's classes, a cross-validation's folds) stops the fit with
 * {@link FitProgress.FitTimeoutException}, answered 422 with the advice to use a training job, so that
 * a request the client gave up on does not hold the cores for minutes. Training jobs fit on their own threads,
 * without a limit.
 */
public class FitDeadlineFilter extends OncePerRequestFilter {

    private final Duration limit;

    public FitDeadlineFilter(Duration limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            FitProgress.withDeadline(limit, () -> {
                try {
                    chain.doFilter(request, response);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new WrappedServletException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (WrappedServletException e) {
            throw (ServletException) e.getCause();
        }
    }

    /** Carries a ServletException through the Supplier of {@link FitProgress#withDeadline}. */
    private static final class WrappedServletException extends RuntimeException {
        WrappedServletException(ServletException cause) {
            super(cause);
        }
    }
}
