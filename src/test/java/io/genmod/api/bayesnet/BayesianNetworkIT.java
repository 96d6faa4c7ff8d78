package io.genmod.api.bayesnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.genmod.api.ApiTest;
import io.genmod.api.HttpJson.Response;
import io.genmod.api.TestFamilies;
import io.genmod.core.WorkingMemory;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** The bayesian-network type over real HTTP: create, import, graph, query, independence, sample, score, errors. */
@Import(TestFamilies.class)
class BayesianNetworkIT extends ApiTest {

    private static final double EXACT = 1e-12;

    /** Smoking S and asbestos A cause cancer C; CPTs given directly. */
    private static final String CANCER = """
            {"type": "bayesian-network", "name": "cancer",
             "parameters": {
               "states": {"S": ["no", "yes"], "A": ["no", "yes"], "C": ["no", "yes"]},
               "cpts": {
                 "S": {"parents": [], "rows": [{"given": {}, "probabilities": {"no": 0.7, "yes": 0.3}}]},
                 "A": {"parents": [], "rows": [{"given": {}, "probabilities": {"no": 0.9, "yes": 0.1}}]},
                 "C": {"parents": ["S", "A"], "rows": [
                   {"given": {"S": "no", "A": "no"}, "probabilities": {"no": 0.99, "yes": 0.01}},
                   {"given": {"S": "no", "A": "yes"}, "probabilities": {"no": 0.9, "yes": 0.1}},
                   {"given": {"S": "yes", "A": "no"}, "probabilities": {"no": 0.8, "yes": 0.2}},
                   {"given": {"S": "yes", "A": "yes"}, "probabilities": {"no": 0.5, "yes": 0.5}}]}}}}
            """;

    private String create(String body) {
        Response r = http.post("/api/v1/models", body);
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.body().get("id").asString();
    }

    /** Sized from this JVM's heap: 1,000,000 records of just enough binary variables to exceed the budget. */
    @Test
    void refusesSamplesTooLargeForMemoryAndStreamsTheOthers() {
        int draws = 1_000_000;
        int variables = (int) (WorkingMemory.budget() / 32 / draws) + 1;
        StringBuilder parents = new StringBuilder();
        StringBuilder record = new StringBuilder();
        for (int v = 0; v < variables; v++) {
            String sep = v > 0 ? "," : "";
            parents.append(sep).append("\"v").append(v).append("\": []");
            record.append(sep).append("\"v").append(v).append("\": \"").append(v % 2 == 0 ? "a" : "b").append('"');
        }
        String id = create("{\"type\": \"bayesian-network\", \"structure\": {\"parents\": {" + parents + "}}, "
                + "\"states\": {\"v0\": [\"a\", \"b\"]}, \"records\": [{" + record + "}], \"params\": {\"pseudoCount\": 1}}");
        Response refused = http.post("/api/v1/models/" + id + "/sample", "{\"n\": " + draws + "}");
        assertProblem(refused, 422, "n", "draw fewer");
        Response sample = http.post("/api/v1/models/" + id + "/sample", "{\"n\": 3, \"seed\": 2}");
        assertThat(sample.status()).as(sample.raw()).isEqualTo(200);
        JsonNode records = sample.body().get("records");
        assertThat(records.size()).isEqualTo(3);
        assertThat(records.get(2).size()).isEqualTo(variables);
        assertThat(records.get(2).get("v" + (variables - 1)).asString()).isIn("a", "b");
    }

    @Test
    void queryOnGivenCptsMatchesEnumeration() {
        String id = create(CANCER);
        Response r = http.post("/api/v1/models/" + id + "/query",
                "{\"variables\": [\"S\", \"A\"], \"evidence\": {\"C\": \"yes\"}}");
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        double[] ps = {0.7, 0.3};
        double[] pa = {0.9, 0.1};
        double[][] cancer = {{0.01, 0.1}, {0.2, 0.5}};
        double evidence = 0;
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a < 2; a++) {
                evidence += ps[s] * pa[a] * cancer[s][a];
            }
        }
        JsonNode table = r.body().get("table");
        assertThat(table.size()).isEqualTo(4);
        String[] names = {"no", "yes"};
        for (int s = 0; s < 2; s++) {
            for (int a = 0; a < 2; a++) {
                JsonNode entry = table.get(2 * s + a);
                assertThat(entry.get("assignment").get("S").asString()).isEqualTo(names[s]);
                assertThat(entry.get("assignment").get("A").asString()).isEqualTo(names[a]);
                assertThat(entry.get("probability").asDouble())
                        .isCloseTo(ps[s] * pa[a] * cancer[s][a] / evidence, within(EXACT));
            }
        }
        Response minDegree = http.post("/api/v1/models/" + id + "/query",
                "{\"variables\": [\"C\"], \"evidence\": {}, \"eliminationOrder\": \"min-degree\"}");
        assertThat(minDegree.body().get("table").get(1).get("probability").asDouble()).isCloseTo(evidence, within(EXACT));
    }

    @Test
    void importedModelRoundTripsAndAnswersGraphAndIndependence() {
        String id = create(CANCER);
        Response read = http.get("/api/v1/models/" + id);
        assertThat(read.body().has("dimension")).isFalse();
        Response again = http.post("/api/v1/models", read.raw());
        assertThat(again.status()).as(again.raw()).isEqualTo(201);
        assertThat(again.body().get("parameters")).isEqualTo(read.body().get("parameters"));

        Response graph = http.get("/api/v1/models/" + id + "/graph");
        assertThat(graph.status()).isEqualTo(200);
        assertThat(graph.body().get("factorisation").asString()).isEqualTo("P(A)P(S)P(C|S,A)");
        assertThat(graph.body().get("nodes").toString()).isEqualTo("[\"A\",\"S\",\"C\"]");
        assertThat(graph.body().get("edges").toString())
                .isEqualTo("[{\"from\":\"S\",\"to\":\"C\"},{\"from\":\"A\",\"to\":\"C\"}]");
        assertThat(graph.body().get("dot").asString()).startsWith("digraph {").contains("\"S\" -> \"C\";");

        Response marginal = http.post("/api/v1/models/" + id + "/independence", "{\"x\": [\"S\"], \"y\": [\"A\"]}");
        assertThat(marginal.body().get("independent").asBoolean()).isTrue();
        assertThat(marginal.body().has("activePath")).isFalse();
        Response given = http.post("/api/v1/models/" + id + "/independence",
                "{\"x\": [\"S\"], \"y\": [\"A\"], \"given\": [\"C\"]}");
        assertThat(given.body().get("independent").asBoolean()).isFalse();
        assertThat(given.body().get("activePath").toString()).isEqualTo("[\"S\",\"C\",\"A\"]");
    }

    @Test
    void schoolCountsFromAFactorisationReproduceTheTable() {
        int[] male = {62, 63, 37, 33, 28, 6};
        int[] female = {82, 68, 34, 35, 24, 7};
        StringBuilder counts = new StringBuilder();
        String schools = "ABCDEF";
        for (int k = 0; k < 6; k++) {
            counts.append(k > 0 ? "," : "").append("{\"assignment\": {\"z\": \"male\", \"s\": \"").append(schools.charAt(k))
                    .append("\"}, \"count\": ").append(male[k]).append("},")
                    .append("{\"assignment\": {\"z\": \"female\", \"s\": \"").append(schools.charAt(k))
                    .append("\"}, \"count\": ").append(female[k]).append("}");
        }
        String id = create("{\"type\": \"bayesian-network\", \"structure\": {\"factorisation\": \"P(z) P(s | z)\"},"
                + " \"counts\": [" + counts + "]}");
        Response model = http.get("/api/v1/models/" + id);
        assertThat(model.body().get("trainingSize").asInt()).isEqualTo(479);
        assertThat(model.body().get("parameters").get("states").get("s").toString())
                .isEqualTo("[\"A\",\"B\",\"C\",\"D\",\"E\",\"F\"]");
        Response r = http.post("/api/v1/models/" + id + "/query", "{\"variables\": [\"s\"], \"evidence\": {\"z\": \"male\"}}");
        for (int k = 0; k < 6; k++) {
            assertThat(r.body().get("table").get(k).get("probability").asDouble()).isCloseTo(male[k] / 229.0, within(EXACT));
        }
        Response f = http.post("/api/v1/models/" + id + "/query", "{\"variables\": [\"s\"], \"evidence\": {\"z\": \"female\"}}");
        for (int k = 0; k < 6; k++) {
            assertThat(f.body().get("table").get(k).get("probability").asDouble()).isCloseTo(female[k] / 250.0, within(EXACT));
        }
    }

    @Test
    void recordsLearnSampleScoreAndListUnseenRows() {
        String body = """
                {"type": "bayesian-network", "structure": {"parents": {"T": [], "John": ["T"], "Jane": ["T"]}},
                 "states": {"T": ["no", "yes", "unknown"]},
                 "records": [{"T": "no", "John": "late", "Jane": "early"}, {"T": "yes", "John": "late", "Jane": "late"},
                             {"T": "no", "John": "early", "Jane": "early"}, {"T": "no", "John": "early", "Jane": "late"}]}
                """;
        String id = create(body);
        Response model = http.get("/api/v1/models/" + id);
        assertThat(model.body().get("params").get("pseudoCount").asDouble()).isEqualTo(0.0);
        JsonNode unseen = model.body().get("diagnostics").get("unseenParentConfigurations");
        assertThat(unseen.size()).isEqualTo(2);
        assertThat(model.body().get("diagnostics").get("unseenParentConfigurationCount").asLong()).isEqualTo(2);
        assertThat(model.raw()).doesNotContain("\"details\"");
        assertThat(unseen.get(0).get("variable").asString()).isEqualTo("John");
        assertThat(unseen.get(0).get("given").get("T").asString()).isEqualTo("unknown");
        assertThat(model.body().get("parameters").get("states").get("John").toString()).isEqualTo("[\"early\",\"late\"]");
        assertThat(model.body().get("parameters").get("states").get("T").toString())
                .isEqualTo("[\"no\",\"yes\",\"unknown\"]");
        JsonNode john = model.body().get("parameters").get("cpts").get("John").get("rows");
        assertThat(john.get(0).get("probabilities").get("late").asDouble()).isCloseTo(1.0 / 3, within(EXACT));
        assertThat(john.get(2).get("probabilities").get("early").asDouble()).isEqualTo(0.5);

        Response s1 = http.post("/api/v1/models/" + id + "/sample", "{\"n\": 20, \"seed\": 4}");
        Response s2 = http.post("/api/v1/models/" + id + "/sample", "{\"n\": 20, \"seed\": 4}");
        assertThat(s1.status()).as(s1.raw()).isEqualTo(200);
        assertThat(s1.body().get("records").size()).isEqualTo(20);
        assertThat(s1.body().has("x")).isFalse();
        assertThat(s1.raw()).isEqualTo(s2.raw());

        Response score = http.post("/api/v1/models/" + id + "/score",
                "{\"records\": [{\"T\": \"no\", \"John\": \"late\", \"Jane\": \"late\"}]}");
        // P(T=no) = 3/4, P(John=late | no) = 1/3, P(Jane=late | no) = 1/3
        assertThat(score.body().get("n").asInt()).isEqualTo(1);
        assertThat(score.body().get("meanLogLikelihood").asDouble()).isCloseTo(Math.log(0.75 / 9), within(EXACT));
        Response impossible = http.post("/api/v1/models/" + id + "/score",
                "{\"records\": [{\"T\": \"yes\", \"John\": \"early\", \"Jane\": \"late\"}]}");
        assertThat(impossible.body().get("meanLogLikelihood").isNull()).isTrue();

        Response dependent = http.post("/api/v1/models/" + id + "/independence", "{\"x\": [\"John\"], \"y\": [\"Jane\"]}");
        assertThat(dependent.body().get("activePath").toString()).isEqualTo("[\"John\",\"T\",\"Jane\"]");
        Response givenT = http.post("/api/v1/models/" + id + "/independence",
                "{\"x\": [\"John\"], \"y\": [\"Jane\"], \"given\": [\"T\"]}");
        assertThat(givenT.body().get("independent").asBoolean()).isTrue();

        // T = unknown was never seen, so with pseudoCount 0 it has probability 0 and cannot be conditioned on
        Response unseenEvidence = http.post("/api/v1/models/" + id + "/query",
                "{\"variables\": [\"John\"], \"evidence\": {\"T\": \"unknown\"}}");
        assertProblem(unseenEvidence, 422, "evidence", "probability 0");
        assertThat(unseenEvidence.body().get("title").asString()).isEqualTo("Cannot answer the request");
    }

    @Test
    void statesReadFromDataAreSortedNumericallyWhenAllAreNumbers() {
        String id = create("{\"type\": \"bayesian-network\", \"structure\": {\"factorisation\": \"P(n)P(w)\"},"
                + " \"records\": [{\"n\": 10, \"w\": \"b\"}, {\"n\": 9, \"w\": \"a\"}, {\"n\": 2, \"w\": \"B\"}]}");
        JsonNode states = http.get("/api/v1/models/" + id).body().get("parameters").get("states");
        assertThat(states.get("n").toString()).isEqualTo("[\"2\",\"9\",\"10\"]");
        assertThat(states.get("w").toString()).isEqualTo("[\"B\",\"a\",\"b\"]");
    }

    @Test
    void badInputIsProblemJsonNamingFieldAndValue() {
        String id = create(CANCER);
        String q = "/api/v1/models/" + id + "/query";
        assertProblem(http.post(q, "{\"variables\": [\"C\"], \"evidence\": {\"Q\": \"yes\"}}"), 400, "evidence.Q", "'Q'");
        assertProblem(http.post(q, "{\"variables\": [\"C\"], \"evidence\": {\"S\": \"maybe\"}}"), 400, "evidence.S", "'maybe'");
        assertProblem(http.post(q, "{\"variables\": [\"Z\"]}"), 400, "variables[0]", "'Z'");
        assertProblem(http.post(q, "{\"variables\": [\"S\"], \"evidence\": {\"S\": \"no\"}}"), 400, "variables[0]", "evidence");
        assertProblem(http.post(q, "{\"variables\": [\"S\"], \"eliminationOrder\": \"fastest\"}"), 400, "eliminationOrder", "fastest");
        assertProblem(http.post("/api/v1/models/" + id + "/independence", "{\"x\": [\"S\"], \"y\": [\"S\"]}"), 400, "y", "'S'");
        assertProblem(http.post("/api/v1/models/" + id + "/score", "{\"records\": [{\"S\": \"no\", \"A\": \"no\"}]}"),
                400, "records[0].C", "required");
        assertProblem(http.post("/api/v1/models/" + id + "/score",
                "{\"records\": [{\"S\": \"no\", \"A\": \"no\", \"C\": \"no\"}, {\"S\": \"no\", \"A\": \"often\", \"C\": \"no\"}]}"),
                400, "records[1].A", "'often'");
        assertProblem(http.post("/api/v1/models/" + id + "/score",
                "{\"records\": [{\"S\": \"no\", \"A\": \"no\", \"C\": \"no\", \"D\": \"x\"}]}"), 400, "records[0].D", "'D'");

        String bn = "{\"type\": \"bayesian-network\", ";
        assertProblem(http.post("/api/v1/models", bn + "\"structure\": {\"parents\": {\"a\": [], \"b\": [\"a\"]}},"
                + " \"counts\": [{\"assignment\": {\"a\": \"0\", \"b\": \"1\"}, \"count\": -3}]}"), 400, "counts[0].count", "-3");
        assertProblem(http.post("/api/v1/models", bn + "\"structure\": {\"parents\": {\"a\": [], \"b\": [\"a\"]}},"
                + " \"counts\": [{\"assignment\": {\"a\": \"y\", \"b\": \"n\"}, \"count\": 1.7e308},"
                + " {\"assignment\": {\"a\": \"y\", \"b\": \"y\"}, \"count\": 1.7e308}]}"), 422, "counts", "1.8e308");
        assertProblem(http.post("/api/v1/models", bn + "\"structure\": {\"parents\": {\"a\": [], \"b\": [\"a\"]}},"
                + " \"records\": [{\"a\": \"0\"}]}"), 400, "records[0].b", "required");
        assertProblem(http.post("/api/v1/models", bn + "\"structure\": {\"parents\": {\"A\": []}},"
                + " \"records\": [{\"A\": 2.5}, {\"A\": 1}]}"), 400, "records[0].A", "as a string");
        // integer and boolean states, in records and in a query's evidence alike
        Response typed = http.post("/api/v1/models", bn + "\"structure\": {\"parents\": {\"A\": [], \"B\": [\"A\"]}},"
                + " \"records\": [{\"A\": 0, \"B\": true}, {\"A\": 1, \"B\": false}, {\"A\": 1, \"B\": true}]}");
        assertThat(typed.status()).as(typed.raw()).isEqualTo(201);
        Response posterior = http.post("/api/v1/models/" + typed.body().get("id").asString() + "/query",
                "{\"variables\": [\"A\"], \"evidence\": {\"B\": true}}");
        assertThat(posterior.status()).as(posterior.raw()).isEqualTo(200);
        assertThat(posterior.body().get("table").get(0).get("probability").asDouble()).isCloseTo(0.5, within(1e-12));
        assertProblem(http.post("/api/v1/models/" + typed.body().get("id").asString() + "/query",
                "{\"variables\": [\"A\"], \"evidence\": {\"B\": 0.5}}"), 400, "evidence.B", "must be a state");
        assertProblem(http.post("/api/v1/models", bn + "\"structure\": {\"parents\": {\"a\": [], \"b\": [\"a\"]}},"
                + " \"states\": {\"a\": [\"0\", \"1\"]}, \"records\": [{\"a\": \"2\", \"b\": \"x\"}]}"), 400, "records[0].a", "'2'");
        assertProblem(http.post("/api/v1/models", CANCER.replace("\"no\": 0.99, \"yes\": 0.01", "\"no\": 0.99, \"yes\": 0.02")),
                400, "parameters.cpts.C.rows[0].probabilities", "1.01");
        assertProblem(http.post("/api/v1/models", bn + "\"structure\": {\"parents\": {\"a\": [\"c\"], \"b\": [\"a\"], \"c\": [\"b\"]}},"
                + " \"records\": [{\"a\": \"0\", \"b\": \"0\", \"c\": \"0\"}]}"), 422, "structure.parents", "cycle");
        assertProblem(http.post("/api/v1/models", bn + "\"structure\": {\"factorisation\": \"P(a|b)P(b|a)\"},"
                + " \"records\": [{\"a\": \"0\", \"b\": \"0\"}]}"), 422, "structure.factorisation", "position");
        assertProblem(http.post("/api/v1/models", bn + "\"structure\": {\"factorisation\": \"P(a|b)P(b|a)\"}}"),
                422, "structure.factorisation", "position");
        assertProblem(http.post("/api/v1/models", bn + "\"structure\": {\"factorisation\": \"P(a)P(b|a\"},"
                + " \"records\": [{\"a\": \"0\", \"b\": \"0\"}]}"), 400, "structure.factorisation", "position 10");
        assertProblem(http.post("/api/v1/models", bn + "\"structure\": {\"factorisation\": \"P(a)P(b|q)\"},"
                + " \"records\": [{\"a\": \"0\", \"b\": \"0\"}]}"), 400, "structure.factorisation", "'q'");
        assertProblem(http.post("/api/v1/models", bn + "\"structure\": {\"parents\": {\"a\": [\"q\"]}},"
                + " \"records\": [{\"a\": \"0\"}]}"), 400, "structure.parents.a", "'q'");
        assertProblem(http.post("/api/v1/models", bn + "\"structure\": {\"parents\": {\"a\": []}},"
                + " \"records\": [{\"a\": \"0\"}], \"params\": {\"pseudoCount\": -1}}"), 400, "params.pseudoCount");
    }

    @Test
    void zeroProbabilityEvidenceAndOtherModelTypesAreRefused() {
        String id = create(CANCER.replace("\"no\": 0.9, \"yes\": 0.1}}]}", "\"no\": 1.0, \"yes\": 0.0}}]}"));
        Response r = http.post("/api/v1/models/" + id + "/query", "{\"variables\": [\"S\"], \"evidence\": {\"A\": \"yes\"}}");
        assertProblem(r, 422, "evidence", "probability 0");

        Response other = http.post("/api/v1/models", "{\"type\": \"test-normal\", \"x\": [[1.0, 2.0], [3.0, 4.0]]}");
        String otherId = other.body().get("id").asString();
        Response graph = http.get("/api/v1/models/" + otherId + "/graph");
        assertThat(graph.status()).isEqualTo(400);
        assertThat(graph.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/api/v1/models/nope/graph").status()).isEqualTo(404);
    }

    @Test
    void endpointsAreDocumentedInOpenApi() {
        Response docs = http.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.body().get("paths");
        assertThat(paths.has("/api/v1/models/{id}/graph")).isTrue();
        assertThat(paths.has("/api/v1/models/{id}/query")).isTrue();
        assertThat(paths.has("/api/v1/models/{id}/independence")).isTrue();
        assertThat(docs.body().get("components").get("schemas").get("QueryRequest").toString()).contains("min-fill");
    }
}
