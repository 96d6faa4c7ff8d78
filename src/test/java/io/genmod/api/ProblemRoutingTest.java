package io.genmod.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.genmod.core.FitProgress;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Failures that are not exceptions of ours reach {@link ProblemHandler} through Spring MVC's dispatch (an
 * {@link Error} arrives wrapped): each answers a problem with its type, never the 500 path.
 */
class ProblemRoutingTest {

    @RestController
    static class Failing {
        @GetMapping("/out-of-memory")
        String outOfMemory() {
            throw new OutOfMemoryError("Java heap space");
        }

        @GetMapping("/cancelled")
        String cancelled() {
            throw new FitProgress.FitCancelledException();
        }

        @GetMapping("/bad-query")
        String badQuery() {
            throw new org.apache.tomcat.util.http.InvalidParameterException("bad %zz", 400);
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ProblemHandler()).build();

    @Test
    void outOfMemoryIs507() throws Exception {
        mvc.perform(get("/out-of-memory")).andExpect(status().is(507))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("about:blank"))
                .andExpect(jsonPath("$.title").value("Not enough free memory"));
    }

    @Test
    void aFitCancelledByShutdownIs503() throws Exception {
        mvc.perform(get("/cancelled")).andExpect(status().is(503))
                .andExpect(jsonPath("$.type").value("about:blank"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("shutting down")));
    }

    @Test
    void anUndecodableQueryStringIs400() throws Exception {
        mvc.perform(get("/bad-query")).andExpect(status().is(400))
                .andExpect(jsonPath("$.type").value("about:blank"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("percent-encoding")));
    }
}
