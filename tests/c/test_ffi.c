/*
 * C tests of the measures ABI: known answers, ownership, and every error path.
 * Built and run by scripts/test.sh, once plainly and once under valgrind.
 * Prints "N passed, N failed" and exits non-zero on any failure.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measures.h"

static int passed = 0, failed = 0;

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        if (cond) {                                                        \
            passed++;                                                      \
        } else {                                                           \
            failed++;                                                      \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);           \
            fprintf(stderr, __VA_ARGS__);                                  \
            fprintf(stderr, "\n");                                         \
        }                                                                  \
    } while (0)

static int near(double a, double b, double tol) { return fabs(a - b) <= tol; }

/* NIST/SEMATECH e-Handbook §6.3.2.2: x̄ = 50.81, UCL = 55.8041, LCL = 45.8159. */
static const double NIST[] = {49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1};
#define NIST_LEN (sizeof NIST / sizeof NIST[0])

static void test_xmr_known_answer(void) {
    MeasuresOptions o = measures_options_default();
    o.textbook_constant = true;
    o.screen_moving_ranges = false;
    MeasuresChart *chart = NULL;
    MeasuresStatus s = measures_xmr(NIST, NIST_LEN, &o, &chart);
    CHECK(s == MEASURES_STATUS_OK && chart != NULL, "xmr status %d: %s", s, measures_last_error_message());
    if (!chart) return;
    CHECK(strcmp(measures_last_error_message(), "") == 0, "no error message after success");
    CHECK(measures_chart_len(chart) == NIST_LEN, "len");
    double centre[NIST_LEN], upper[NIST_LEN], lower[NIST_LEN];
    CHECK(measures_chart_copy(chart, MEASURES_COLUMN_CENTRE, centre, NIST_LEN) == MEASURES_STATUS_OK, "copy centre");
    CHECK(measures_chart_copy(chart, MEASURES_COLUMN_UPPER, upper, NIST_LEN) == MEASURES_STATUS_OK, "copy upper");
    CHECK(measures_chart_copy(chart, MEASURES_COLUMN_LOWER, lower, NIST_LEN) == MEASURES_STATUS_OK, "copy lower");
    CHECK(near(centre[0], 50.81, 5e-3), "centre %f", centre[0]);
    CHECK(near(upper[9], 55.8041, 5e-5), "UCL %f", upper[9]);
    CHECK(near(lower[9], 45.8159, 5e-5), "LCL %f", lower[9]);
    CHECK(strcmp(measures_chart_variation(chart), "common_cause") == 0, "variation %s", measures_chart_variation(chart));
    CHECK(strcmp(measures_chart_assurance(chart), "none") == 0, "assurance without target");
    CHECK(measures_chart_signal_count(chart) == 0, "NIST example is in control");

    char *json = NULL;
    CHECK(measures_chart_to_json(chart, &json) == MEASURES_STATUS_OK && json, "to_json");
    if (json) {
        CHECK(strstr(json, "\"chart_type\":\"xmr\"") != NULL, "json chart_type");
        CHECK(strstr(json, "\"companion\":{\"chart_type\":\"moving_range\"") != NULL, "json companion");
        measures_string_free(json);
    }
    measures_chart_free(chart);
}

static void test_options_reach_the_chart(void) {
    /* 20 steady points then 8 high: a shift; higher is better; target below the limits. */
    double v[28];
    for (int i = 0; i < 20; i++) v[i] = 10.0 + (i % 2);
    for (int i = 20; i < 28; i++) v[i] = 13.0 + (i % 2);
    MeasuresOptions o = measures_options_default();
    o.direction = MEASURES_DIRECTION_HIGHER;
    o.target = 5.0;
    MeasuresChart *chart = NULL;
    CHECK(measures_xmr(v, 28, &o, &chart) == MEASURES_STATUS_OK, "xmr: %s", measures_last_error_message());
    CHECK(strcmp(measures_chart_variation(chart), "special_cause_improving_high") == 0, "variation %s",
          measures_chart_variation(chart));
    CHECK(strcmp(measures_chart_assurance(chart), "consistently_pass") == 0, "assurance %s",
          measures_chart_assurance(chart));
    measures_chart_free(chart);

    size_t starts[] = {20};
    o.phase_starts = starts;
    o.phase_starts_len = 1;
    CHECK(measures_xmr(v, 28, &o, &chart) == MEASURES_STATUS_OK, "rebased xmr");
    double centre[28];
    measures_chart_copy(chart, MEASURES_COLUMN_CENTRE, centre, 28);
    CHECK(centre[0] == 10.5 && centre[27] == 13.5, "phase centres %f %f", centre[0], centre[27]);
    CHECK(measures_chart_signal_count(chart) == 0, "no signal after rebasing");
    measures_chart_free(chart);
}

static void test_run_chart(void) {
    MeasuresChart *chart = NULL;
    CHECK(measures_run(NIST, NIST_LEN, NULL, &chart) == MEASURES_STATUS_OK, "run chart");
    double upper[NIST_LEN], centre[NIST_LEN];
    measures_chart_copy(chart, MEASURES_COLUMN_UPPER, upper, NIST_LEN);
    measures_chart_copy(chart, MEASURES_COLUMN_CENTRE, centre, NIST_LEN);
    CHECK(isnan(upper[0]), "a run chart has no limits");
    CHECK(near(centre[0], 51.25, 1e-12), "median %f", centre[0]);
    measures_chart_free(chart);
}

static void expect(MeasuresStatus got, MeasuresStatus want, const char *words, const char *what) {
    const char *msg = measures_last_error_message();
    CHECK(got == want, "%s: status %d, want %d (%s)", what, got, want, msg);
    CHECK(msg && strstr(msg, words) != NULL, "%s: message \"%s\" lacks \"%s\"", what, msg, words);
}

static void test_error_paths(void) {
    MeasuresChart *chart = (MeasuresChart *)&chart; /* garbage that must be reset to NULL */
    double bad[] = {1.0, 2.0, NAN, 4.0};
    MeasuresOptions o = measures_options_default();

    expect(measures_xmr(NIST, NIST_LEN, NULL, NULL), MEASURES_STATUS_NULL_POINTER, "out is NULL", "null out");
    expect(measures_xmr(NULL, 3, NULL, &chart), MEASURES_STATUS_NULL_POINTER, "values is NULL", "null values");
    CHECK(chart == NULL, "out reset to NULL on failure");
    expect(measures_xmr(NULL, 0, NULL, &chart), MEASURES_STATUS_TOO_FEW_POINTS, "empty", "empty");
    expect(measures_xmr(NIST, 1, NULL, &chart), MEASURES_STATUS_TOO_FEW_POINTS, "too few points", "one point");
    expect(measures_xmr(bad, 4, NULL, &chart), MEASURES_STATUS_NON_FINITE, "index 2", "NaN");

    o.rules = 42;
    expect(measures_xmr(NIST, NIST_LEN, &o, &chart), MEASURES_STATUS_INVALID_INPUT, "MeasuresRuleSet", "bad rules");
    o = measures_options_default();
    o.direction = 7;
    expect(measures_xmr(NIST, NIST_LEN, &o, &chart), MEASURES_STATUS_INVALID_INPUT, "MeasuresDirection", "bad direction");
    o = measures_options_default();
    o.target = INFINITY;
    expect(measures_xmr(NIST, NIST_LEN, &o, &chart), MEASURES_STATUS_NON_FINITE, "target", "infinite target");
    o = measures_options_default();
    size_t starts[] = {10};
    o.phase_starts = starts;
    o.phase_starts_len = 1;
    expect(measures_xmr(NIST, NIST_LEN, &o, &chart), MEASURES_STATUS_INVALID_LENGTH, "phase break at index 10", "break outside");
    o.phase_starts = NULL;
    expect(measures_xmr(NIST, NIST_LEN, &o, &chart), MEASURES_STATUS_NULL_POINTER, "phase_starts is NULL", "null starts");
    o = measures_options_default();
    o.shift = 1;
    expect(measures_xmr(NIST, NIST_LEN, &o, &chart), MEASURES_STATUS_INVALID_INPUT, "shift", "shift of 1");
    o = measures_options_default();
    o.rules = MEASURES_RULE_SET_NHS;
    expect(measures_run(NIST, NIST_LEN, &o, &chart), MEASURES_STATUS_INVALID_INPUT, "needs control limits", "run + nhs");

    CHECK(measures_xmr(NIST, NIST_LEN, NULL, &chart) == MEASURES_STATUS_OK, "good chart");
    double small[3];
    expect(measures_chart_copy(chart, MEASURES_COLUMN_VALUES, small, 3), MEASURES_STATUS_INVALID_LENGTH, "buffer holds 3", "small buffer");
    expect(measures_chart_copy(chart, 17, small, 3), MEASURES_STATUS_INVALID_LENGTH, "buffer", "small buffer first");
    double room[NIST_LEN];
    expect(measures_chart_copy(chart, 17, room, NIST_LEN), MEASURES_STATUS_INVALID_INPUT, "MeasuresColumn", "bad column");
    expect(measures_chart_copy(chart, MEASURES_COLUMN_VALUES, NULL, NIST_LEN), MEASURES_STATUS_NULL_POINTER, "buffer is NULL", "null buffer");
    expect(measures_chart_copy(NULL, MEASURES_COLUMN_VALUES, room, NIST_LEN), MEASURES_STATUS_NULL_POINTER, "chart is NULL", "null chart");
    expect(measures_chart_to_json(chart, NULL), MEASURES_STATUS_NULL_POINTER, "out is NULL", "json null out");
    char *json = (char *)&json;
    expect(measures_chart_to_json(NULL, &json), MEASURES_STATUS_NULL_POINTER, "chart is NULL", "json null chart");
    CHECK(json == NULL, "json out reset to NULL");
    CHECK(measures_chart_len(NULL) == 0, "len of NULL");
    CHECK(measures_chart_variation(NULL) == NULL, "variation of NULL");
    measures_chart_free(chart);
    measures_chart_free(NULL);
    measures_string_free(NULL);
}

int main(void) {
    CHECK(measures_abi_version() == MEASURES_ABI_MAJOR * 10000 + MEASURES_ABI_MINOR, "abi version");
    test_xmr_known_answer();
    test_options_reach_the_chart();
    test_run_chart();
    test_error_paths();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
