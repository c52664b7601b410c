/*
 * C tests of the measures ABI: known answers, ownership, and every error path.
 * Built and run by scripts/test.sh, once plainly and once under valgrind.
 * Prints "N passed, N failed" and exits non-zero on any failure.
 */
#include <math.h>
#include <stdint.h>
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
    o.textbook_constant = 1;
    o.screen_moving_ranges = 0;
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
    double bad[] = {1.0, 2.0, INFINITY, 4.0};
    MeasuresOptions o = measures_options_default();

    expect(measures_xmr(NIST, NIST_LEN, NULL, NULL), MEASURES_STATUS_NULL_POINTER, "out is NULL", "null out");
    expect(measures_xmr(NULL, 3, NULL, &chart), MEASURES_STATUS_NULL_POINTER, "values is NULL", "null values");
    CHECK(chart == NULL, "out reset to NULL on failure");
    expect(measures_xmr(NULL, 0, NULL, &chart), MEASURES_STATUS_TOO_FEW_POINTS, "empty", "empty");
    expect(measures_xmr(NIST, 1, NULL, &chart), MEASURES_STATUS_TOO_FEW_POINTS, "too few points", "one point");
    expect(measures_xmr(bad, 4, NULL, &chart), MEASURES_STATUS_NON_FINITE, "index 2", "infinity");
    {
        /* NaN is a missing value: a gap in the chart, left out of its limits. */
        double gappy[] = {1.0, 2.0, NAN, 3.0, 2.5, 2.0};
        double values[6];
        CHECK(measures_xmr(gappy, 6, NULL, &chart) == MEASURES_STATUS_OK, "NaN is a gap: %s", measures_last_error_message());
        CHECK(measures_chart_copy(chart, MEASURES_COLUMN_VALUES, values, 6) == MEASURES_STATUS_OK, "copy values");
        CHECK(isnan(values[2]) && values[3] == 3.0, "the gap stays in place");
        measures_chart_free(chart);
        chart = NULL;
    }

    o.rules = 42;
    expect(measures_xmr(NIST, NIST_LEN, &o, &chart), MEASURES_STATUS_INVALID_INPUT, "MeasuresRuleSet", "bad rules");
    o = measures_options_default();
    o.direction = 7;
    expect(measures_xmr(NIST, NIST_LEN, &o, &chart), MEASURES_STATUS_INVALID_INPUT, "MeasuresDirection", "bad direction");
    o = measures_options_default();
    o.median_centre = 2; /* a flag is a byte, 0 or 1: anything else is refused, never undefined */
    expect(measures_xmr(NIST, NIST_LEN, &o, &chart), MEASURES_STATUS_INVALID_INPUT, "median_centre", "flag of 2");
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
    char *svg = NULL;
    CHECK(measures_chart_to_svg(chart, "NIST <example>", 800, 380, &svg) == MEASURES_STATUS_OK && svg, "svg");
    if (svg) {
        CHECK(strncmp(svg, "<svg", 4) == 0 && strstr(svg, "NIST &lt;example&gt;") != NULL, "svg title escaped");
        measures_string_free(svg);
    }
    expect(measures_chart_to_svg(chart, NULL, 10, 10, &svg), MEASURES_STATUS_INVALID_INPUT, "width", "tiny svg");
    expect(measures_chart_to_svg(NULL, NULL, 800, 380, &svg), MEASURES_STATUS_NULL_POINTER, "chart is NULL", "svg null chart");
    CHECK(measures_chart_len(NULL) == 0, "len of NULL");
    CHECK(measures_chart_variation(NULL) == NULL, "variation of NULL");
    measures_chart_free(chart);
    measures_chart_free(NULL);
    measures_string_free(NULL);
}


/* p chart of the failure demand in tests/data/cases-small.csv, week by week:
 * 1 of 4, 3 of 4, 0 of 2. p̄ = 4/10; limits p̄ ± 3√(p̄(1 − p̄)/nᵢ), clamped to [0, 1]. */
static void test_p_chart(void) {
    const double failures[] = {1, 3, 0}, cases[] = {4, 4, 2};
    MeasuresChart *chart = NULL;
    MeasuresStatus s = measures_attribute_chart(MEASURES_ATTRIBUTE_CHART_P, failures, cases, 3, NULL, &chart);
    CHECK(s == MEASURES_STATUS_OK && chart, "p chart: %s", measures_last_error_message());
    if (!chart) return;
    double centre[3], upper[3], lower[3];
    measures_chart_copy(chart, MEASURES_COLUMN_CENTRE, centre, 3);
    measures_chart_copy(chart, MEASURES_COLUMN_UPPER, upper, 3);
    measures_chart_copy(chart, MEASURES_COLUMN_LOWER, lower, 3);
    CHECK(near(centre[0], 0.4, 1e-15), "p-bar %f", centre[0]);
    CHECK(upper[0] == 1.0 && lower[0] == 0.0, "limits clamped to [0, 1]: %f %f", lower[0], upper[0]);
    measures_chart_free(chart);

    const double counts[] = {3, 5, 4, 6, 2, 4};
    CHECK(measures_attribute_chart(MEASURES_ATTRIBUTE_CHART_C, counts, NULL, 6, NULL, &chart) == MEASURES_STATUS_OK, "c chart");
    double c_upper[6];
    CHECK(measures_chart_copy(chart, MEASURES_COLUMN_UPPER, c_upper, 6) == MEASURES_STATUS_OK, "copy c upper");
    CHECK(near(c_upper[0], 4.0 + 3.0 * 2.0, 1e-12), "c chart UCL c̄ + 3√c̄ = 10: %f", c_upper[0]);
    measures_chart_free(chart);
}

/* Capability of twelve individual values against USL 20: Cpu = (USL − x̄)/(3·MR̄/1.128)
 * (Minitab's within sigma for individuals), worked here from the data. */
static const double DAYS[] = {10, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12, 10};

static void test_capability(void) {
    double mean = 0, mr = 0;
    for (int i = 0; i < 12; i++) mean += DAYS[i] / 12.0;
    for (int i = 1; i < 12; i++) mr += fabs(DAYS[i] - DAYS[i - 1]) / 11.0;
    MeasuresCapability c;
    MeasuresStatus s = measures_capability(DAYS, 12, NAN, 20.0, NAN, 0.95, &c);
    CHECK(s == MEASURES_STATUS_OK, "capability: %s", measures_last_error_message());
    CHECK(near(c.cpu.value, (20.0 - mean) / (3.0 * mr / 1.128), 1e-12), "Cpu %f", c.cpu.value);
    CHECK(c.cpu.lower < c.cpu.value && c.cpu.value < c.cpu.upper, "Cpu interval");
    CHECK(isnan(c.cp.value) && isnan(c.cpl.value), "no Cp or Cpl with an upper limit only");
    CHECK(c.cpk.value == c.cpu.value, "Cpk = Cpu one-sided");
    CHECK(c.n == 12 && c.observed_ppm == 0.0, "n and observed");

    MeasuresChart *chart = NULL;
    measures_xmr(DAYS, 12, NULL, &chart);
    MeasuresStatement st;
    char *text = NULL;
    s = measures_capability_statement(chart, SIZE_MAX, 0.0, "days", &st, &text);
    CHECK(s == MEASURES_STATUS_OK && st.predictable && st.signal_count == 0, "statement: %s", measures_last_error_message());
    CHECK(near(st.average, mean, 1e-12) && st.upper > st.average && st.lower >= 0.0, "statement numbers");
    CHECK(text && strncmp(text, "Predictable: this process will deliver between", 46) == 0, "statement text %s", text ? text : "(null)");
    measures_string_free(text);
    s = measures_capability_statement(chart, 0, NAN, NULL, &st, NULL);
    CHECK(s == MEASURES_STATUS_OK && st.phase == 0 && st.lower == st.lower_limit, "statement without text or floor");
    measures_chart_free(chart);
}

/* The demand report of the log in tests/data/cases-small.csv, passed as columns. */
static void test_demand(void) {
    const char *ids[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"};
    const char *received[] = {"2024-02-05 09:00", "2024-02-06 09:00", "2024-02-07 09:00", "2024-02-08 09:00",
                              "2024-02-12 09:00", "2024-02-13 09:00", "2024-02-14 09:00", "2024-02-15 09:00",
                              "2024-02-16 09:00", "2024-02-19 09:00", "2024-02-20 09:00"};
    const char *closed[] = {"2024-02-06 10:00", "2024-02-08 10:00", "2024-02-09 10:00", NULL,
                            "2024-02-13 10:00", "2024-02-14 10:00", "2024-02-19 10:00", "2024-02-16 10:00",
                            "2024-02-20 10:00", "2024-02-21 10:00", "2024-02-25 10:00"};
    const char *types[] = {"repair", "repair", "damp", "chase", "chase", "chase", "repeat repair", "repair", "repair", "damp", "repair"};
    const char *classes[] = {"value", "value", "value", "failure", "failure", "failure", "failure", "value", "", "value", "value"};
    char *json = NULL;
    MeasuresStatus s = measures_demand_report_json(ids, received, closed, types, classes, NULL, NULL, NULL, 11,
                                                   "{\"period\": \"week\", \"unit\": \"working_days\", \"nation\": \"england-and-wales\"}", &json);
    CHECK(s == MEASURES_STATUS_OK && json, "demand: %s", measures_last_error_message());
    if (json) {
        CHECK(strstr(json, "\"cases\":11") != NULL, "cases");
        CHECK(strstr(json, "\"open\":{\"count\":1") != NULL, "one open case, counted");
        CHECK(strstr(json, "\"failure\":4,\"value\":6,\"unclassified\":1,\"rate\":0.4") != NULL, "failure demand");
        measures_string_free(json);
    }
    /* With a unit per case, the units are compared on funnels (three teams). */
    const char *teams[] = {"North", "South", "East", "North", "South", "East", "North", "South", "East", "North", "South"};
    s = measures_demand_report_units_json(ids, received, closed, types, classes, NULL, NULL, NULL, teams, 11, NULL, &json);
    CHECK(s == MEASURES_STATUS_OK && json, "demand with units: %s", measures_last_error_message());
    if (json) {
        CHECK(strstr(json, "\"units\":{\"units\":[\"East\",\"North\",\"South\"]") != NULL, "units compared");
        measures_string_free(json);
        json = NULL;
    }
    s = measures_demand_report_units_json(ids, received, closed, types, classes, NULL, NULL, NULL, teams, 11,
                                          "{\"pilot\": [\"West\"], \"pilot_change\": \"2024-02-12\"}", &json);
    CHECK(s == MEASURES_STATUS_INVALID_INPUT && strstr(measures_last_error_message(), "West") != NULL, "unknown pilot: %s", measures_last_error_message());
    /* A case closed before it was received is refused, naming the case. */
    const char *backwards[] = {"2024-02-01"};
    s = measures_demand_report_json(ids, received, backwards, NULL, NULL, NULL, NULL, NULL, 1, NULL, &json);
    CHECK(s == MEASURES_STATUS_INVALID_INPUT && json == NULL, "closed before received status %d", s);
    CHECK(strstr(measures_last_error_message(), "before it was received") != NULL, "message %s", measures_last_error_message());
    const char *bad_time[] = {"soon"};
    s = measures_demand_report_json(ids, bad_time, closed, NULL, NULL, NULL, NULL, NULL, 1, NULL, &json);
    CHECK(s == MEASURES_STATUS_INVALID_INPUT && strstr(measures_last_error_message(), "received") != NULL, "bad time: %s", measures_last_error_message());
    s = measures_demand_report_json(ids, received, closed, NULL, NULL, NULL, NULL, NULL, 1, "{\"period\": \"fortnight\"}", &json);
    CHECK(s == MEASURES_STATUS_INVALID_INPUT && strstr(measures_last_error_message(), "options_json") != NULL, "bad options");
    s = measures_demand_report_json(NULL, received, closed, NULL, NULL, NULL, NULL, NULL, 1, NULL, &json);
    CHECK(s == MEASURES_STATUS_NULL_POINTER, "null ids");
    CHECK(measures_demand_report_json(ids, received, closed, NULL, NULL, NULL, NULL, NULL, 1, NULL, NULL) == MEASURES_STATUS_NULL_POINTER, "null out");
}

static void test_new_error_paths(void) {
    MeasuresCapability c;
    expect(measures_capability(DAYS, 12, 30.0, 20.0, NAN, 0.95, &c), MEASURES_STATUS_INVALID_INPUT, "reversed", "reversed limits");
    expect(measures_capability(DAYS, 12, NAN, NAN, NAN, 0.95, &c), MEASURES_STATUS_INVALID_INPUT, "neither", "no limits");
    const double flat[] = {5, 5, 5, 5};
    expect(measures_capability(flat, 4, NAN, 20.0, NAN, 0.95, &c), MEASURES_STATUS_INVALID_INPUT, "no variation", "zero variation");
    expect(measures_capability(DAYS, 1, NAN, 20.0, NAN, 0.95, &c), MEASURES_STATUS_TOO_FEW_POINTS, "too few", "one value");
    expect(measures_capability(DAYS, 12, NAN, 20.0, NAN, 1.5, &c), MEASURES_STATUS_INVALID_INPUT, "confidence level", "bad level");
    expect(measures_capability(DAYS, 12, NAN, 20.0, NAN, 0.95, NULL), MEASURES_STATUS_NULL_POINTER, "out is NULL", "null out");
    MeasuresStatement st;
    expect(measures_capability_statement(NULL, SIZE_MAX, NAN, NULL, &st, NULL), MEASURES_STATUS_NULL_POINTER, "chart is NULL", "statement null chart");
    MeasuresChart *chart = NULL;
    measures_xmr(DAYS, 12, NULL, &chart);
    expect(measures_capability_statement(chart, 5, NAN, NULL, &st, NULL), MEASURES_STATUS_INVALID_LENGTH, "outside", "statement bad phase");
    expect(measures_capability_statement(chart, SIZE_MAX, INFINITY, NULL, &st, NULL), MEASURES_STATUS_NON_FINITE, "floor", "infinite floor");
    measures_chart_free(chart);
    const double num[] = {5, 1}, den[] = {4, 4};
    expect(measures_attribute_chart(MEASURES_ATTRIBUTE_CHART_P, num, den, 2, NULL, &chart), MEASURES_STATUS_INVALID_INPUT, "larger than its denominator", "numerator above denominator");
    CHECK(chart == NULL, "no chart on failure");
    expect(measures_attribute_chart(42, num, den, 2, NULL, &chart), MEASURES_STATUS_INVALID_INPUT, "MeasuresAttributeChart", "bad kind");
    expect(measures_attribute_chart(MEASURES_ATTRIBUTE_CHART_U, num, NULL, 2, NULL, &chart), MEASURES_STATUS_INVALID_INPUT, "denominator", "u without denominators");
}

/* The rest of the family. X-bar/R on qcc's capability test data (3 subgroups of 4):
 * x̿ = 10.005, R̄ = 0.05, UCL = x̿ + 3R̄/(d2√n), d2(4) = 2.059 (Montgomery App. VI);
 * the R chart's UCL is (1 + 3d3/d2)R̄ with d3(4) = 0.880. */
static void test_chart_family(void) {
    const double obs[] = {10.00, 10.02, 9.98, 10.01, 10.03, 9.99, 10.01, 10.00, 9.97, 10.04, 10.02, 9.99};
    const size_t sizes[] = {4, 4, 4};
    MeasuresChart *chart = NULL;
    MeasuresStatus s = measures_xbar_chart(obs, 12, sizes, 3, false, NULL, &chart);
    CHECK(s == MEASURES_STATUS_OK && chart, "xbar-r: %s", measures_last_error_message());
    if (chart) {
        double centre[3], upper[3];
        measures_chart_copy(chart, MEASURES_COLUMN_CENTRE, centre, 3);
        measures_chart_copy(chart, MEASURES_COLUMN_UPPER, upper, 3);
        CHECK(near(centre[0], 10.005, 1e-12), "grand mean %f", centre[0]);
        CHECK(near(upper[0], 10.005 + 3 * 0.05 / (2.059 * 2.0), 1e-9), "UCL %.9f", upper[0]);
        MeasuresChart *r = NULL;
        CHECK(measures_chart_companion(chart, &r) == MEASURES_STATUS_OK && r && measures_chart_len(r) == 3, "R chart companion");
        double r_upper[3];
        if (r) {
            measures_chart_copy(r, MEASURES_COLUMN_UPPER, r_upper, 3);
            CHECK(near(r_upper[0], (1 + 3 * 0.880 / 2.059) * 0.05, 1e-9), "R UCL %.9f", r_upper[0]);
        }
        measures_chart_free(r);
        measures_chart_free(chart);
    }
    CHECK(measures_xbar_chart(obs, 12, sizes, 3, true, NULL, &chart) == MEASURES_STATUS_OK, "xbar-s");
    measures_chart_free(chart);

    const double times[] = {12, 30, 7, 21, 45, 9, 16, 28, 33, 11};
    MeasuresChart *companion = NULL;
    CHECK(measures_t_chart(times, 10, NULL, &chart) == MEASURES_STATUS_OK, "t chart");
    double t_values[10];
    measures_chart_copy(chart, MEASURES_COLUMN_VALUES, t_values, 10);
    CHECK(t_values[4] == 45.0, "t chart plots the times as given");
    measures_chart_free(chart);
    CHECK(measures_g_chart(times, 10, NULL, &chart) == MEASURES_STATUS_OK, "g chart");
    CHECK(measures_chart_companion(chart, &companion) == MEASURES_STATUS_OK && companion == NULL, "g chart has no companion");
    measures_chart_free(chart);

    /* On target every day: the CUSUM sums stay 0 and the EWMA stays on the target. */
    const double flat[] = {10, 10, 10, 10, 10, 10};
    double v[6];
    CHECK(measures_cusum(flat, 6, 10.0, 1.0, 0.5, 5.0, 0.0, NULL, &chart) == MEASURES_STATUS_OK, "cusum");
    measures_chart_copy(chart, MEASURES_COLUMN_VALUES, v, 6);
    CHECK(v[5] == 0.0, "cusum sums stay 0");
    CHECK(measures_chart_companion(chart, &companion) == MEASURES_STATUS_OK && companion, "lower sum as companion");
    measures_chart_free(companion);
    measures_chart_free(chart);
    CHECK(measures_ewma(flat, 6, 10.0, 1.0, 0.2, 3.0, NULL, &chart) == MEASURES_STATUS_OK, "ewma");
    measures_chart_copy(chart, MEASURES_COLUMN_VALUES, v, 6);
    CHECK(v[5] == 10.0, "ewma on target %f", v[5]);
    measures_chart_free(chart);

    const size_t wrong[] = {4, 4};
    expect(measures_xbar_chart(obs, 12, wrong, 2, false, NULL, &chart), MEASURES_STATUS_INVALID_LENGTH, "subgroup sizes", "sizes not adding up");
    const size_t ones[] = {1, 1, 1};
    expect(measures_xbar_chart(obs, 3, ones, 3, false, NULL, &chart), MEASURES_STATUS_INVALID_INPUT, "subgroup", "subgroups of one for X-bar/R");
    const double zero[] = {5, 0, 3};
    expect(measures_t_chart(zero, 3, NULL, &chart), MEASURES_STATUS_INVALID_INPUT, "index 1", "t chart needs times above 0");
    expect(measures_ewma(flat, 6, 10.0, 1.0, 1.5, 3.0, NULL, &chart), MEASURES_STATUS_INVALID_INPUT, "lambda", "bad lambda");
    expect(measures_cusum(flat, 6, NAN, NAN, 0.5, 5.0, 0.0, NULL, NULL), MEASURES_STATUS_NULL_POINTER, "out is NULL", "cusum null out");
    expect(measures_chart_companion(NULL, &companion), MEASURES_STATUS_NULL_POINTER, "chart is NULL", "companion of NULL");
    expect(measures_chart_companion(chart, NULL), MEASURES_STATUS_NULL_POINTER, "out is NULL", "companion null out");
}

/* measures_chart, the one constructor: every kind, labels that name the points in
 * the drawing and the statement, and its errors. */
static void test_one_way_in(void) {
    const char *months[] = {"2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06",
                            "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"};
    double days[] = {12.0, 14.0, 11.0, 13.0, 12.0, 15.0, 13.0, 12.0, 14.0, 13.0, 12.0, 30.0};
    MeasuresData data = {days, 12, NULL, NULL, 0, months};
    MeasuresChart *chart = NULL;
    CHECK(measures_chart(MEASURES_KIND_XMR, &data, NULL, NULL, &chart) == MEASURES_STATUS_OK, "xmr with labels: %s",
          measures_last_error_message());
    char *svg = NULL, *text = NULL, *json = NULL;
    CHECK(measures_chart_to_svg(chart, "Repair days", 800, 380, &svg) == MEASURES_STATUS_OK, "svg");
    CHECK(svg && strstr(svg, "2024-12") != NULL, "the SVG's axis names the months");
    MeasuresStatement st;
    CHECK(measures_capability_statement(chart, SIZE_MAX, 0.0, "days", &st, &text) == MEASURES_STATUS_OK, "statement");
    CHECK(text && strstr(text, "2024-12") != NULL, "the statement names the month, not a point number: %s", text);
    CHECK(measures_chart_to_json(chart, &json) == MEASURES_STATUS_OK && strstr(json, "\"label\":\"2024-01\"") != NULL,
          "the JSON carries the labels");
    measures_string_free(svg);
    measures_string_free(text);
    measures_string_free(json);
    measures_chart_free(chart);

    /* Every kind through the one constructor. */
    double counts[] = {4, 6, 3, 5, 7, 4, 5, 6, 2, 5, 4, 9};
    double sizes_d[] = {20, 22, 19, 21, 25, 20, 23, 21, 18, 22, 20, 24};
    size_t groups[] = {3, 3, 3, 3};
    uint32_t one_column[] = {MEASURES_KIND_XMR, MEASURES_KIND_RUN, MEASURES_KIND_C, MEASURES_KIND_T, MEASURES_KIND_G,
                             MEASURES_KIND_CUSUM, MEASURES_KIND_EWMA, MEASURES_KIND_TRANSFORMED_XMR};
    for (size_t i = 0; i < sizeof one_column / sizeof one_column[0]; i++) {
        MeasuresData d = {counts, 12, NULL, NULL, 0, months};
        CHECK(measures_chart(one_column[i], &d, NULL, NULL, &chart) == MEASURES_STATUS_OK, "kind %u: %s",
              one_column[i], measures_last_error_message());
        measures_chart_free(chart);
    }
    uint32_t ratios[] = {MEASURES_KIND_P, MEASURES_KIND_NP, MEASURES_KIND_U, MEASURES_KIND_P_PRIME, MEASURES_KIND_U_PRIME};
    for (size_t i = 0; i < sizeof ratios / sizeof ratios[0]; i++) {
        MeasuresData d = {counts, 12, sizes_d, NULL, 0, months};
        CHECK(measures_chart(ratios[i], &d, NULL, NULL, &chart) == MEASURES_STATUS_OK, "kind %u: %s", ratios[i],
              measures_last_error_message());
        measures_chart_free(chart);
    }
    MeasuresSettings settings = measures_settings_default();
    settings.estimator = MEASURES_ESTIMATOR_POOLED_STD_DEV;
    MeasuresData subgroups = {counts, 12, NULL, groups, 4, months};
    CHECK(measures_chart(MEASURES_KIND_XBAR_S, &subgroups, NULL, &settings, &chart) == MEASURES_STATUS_OK,
          "x-bar/S: %s", measures_last_error_message());
    CHECK(measures_chart_len(chart) == 4, "one point per subgroup");
    measures_chart_free(chart);

    /* Errors: each names its problem. */
    const char *bad_utf8[] = {"2024-01", "2024-\xff"};
    MeasuresData bad = {days, 2, NULL, NULL, 0, bad_utf8};
    expect(measures_chart(MEASURES_KIND_XMR, &bad, NULL, NULL, &chart), MEASURES_STATUS_INVALID_INPUT,
           "data.labels[1] is not UTF-8", "bad UTF-8 label");
    CHECK(chart == NULL, "out reset on failure");
    expect(measures_chart(MEASURES_KIND_XMR, NULL, NULL, NULL, &chart), MEASURES_STATUS_NULL_POINTER, "data is NULL",
           "null data");
    expect(measures_chart(99, &data, NULL, NULL, &chart), MEASURES_STATUS_INVALID_INPUT, "MeasuresKind", "bad kind");
    settings = measures_settings_default();
    settings.g_centre = 7;
    expect(measures_chart(MEASURES_KIND_G, &data, NULL, &settings, &chart), MEASURES_STATUS_INVALID_INPUT,
           "settings.g_centre", "bad g centre");
    expect(measures_chart(MEASURES_KIND_XBAR_R, &data, NULL, NULL, &chart), MEASURES_STATUS_INVALID_INPUT,
           "subgroup sizes", "x-bar without sizes");
    MeasuresData short_labels = {days, 12, NULL, NULL, 0, NULL};
    const char *three[] = {"a", NULL, "c"};
    short_labels.len = 3;
    short_labels.labels = three;
    expect(measures_chart(MEASURES_KIND_XMR, &short_labels, NULL, NULL, &chart), MEASURES_STATUS_NULL_POINTER,
           "data.labels[1] is NULL", "null label");
}

/* Signals are spans: rule, side, phase, first and last point. The series is two
 * level shifts (twelve points about 5.5, nine at 7 and above) and one point far out. */
static void test_signal_spans(void) {
    static const double y[] = {5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 7, 7, 7, 7, 7, 7, 7, 7, 20};
    const size_t n = sizeof y / sizeof y[0];
    MeasuresChart *chart = NULL;
    MeasuresStatus s = measures_xmr(y, n, NULL, &chart);
    CHECK(s == MEASURES_STATUS_OK && chart, "xmr: %s", measures_last_error_message());
    if (!chart) return;
    size_t count = measures_chart_signal_count(chart);
    CHECK(count == 9, "signal count %zu", count);
    MeasuresSignal sig;
    CHECK(measures_chart_signal(chart, 1, &sig) == MEASURES_STATUS_OK, "signal 1");
    CHECK(strcmp(sig.rule, "shift") == 0 && sig.side == -1 && sig.phase == 0 && sig.first == 0 && sig.last == 11,
          "shift below: %s %d %zu..%zu", sig.rule, sig.side, sig.first, sig.last);
    CHECK(measures_chart_signal(chart, count - 1, &sig) == MEASURES_STATUS_OK, "last signal");
    CHECK(strcmp(sig.rule, "outside_limits") == 0 && sig.side == 1 && sig.first == 20 && sig.last == 20,
          "outside above: %s %d %zu..%zu", sig.rule, sig.side, sig.first, sig.last);
    expect(measures_chart_signal(chart, count, &sig), MEASURES_STATUS_INVALID_LENGTH, "out of range", "signal past the end");
    expect(measures_chart_signal(chart, 0, NULL), MEASURES_STATUS_NULL_POINTER, "out", "NULL out");
    expect(measures_chart_signal(NULL, 0, &sig), MEASURES_STATUS_NULL_POINTER, "chart", "NULL chart");
    measures_chart_free(chart);
}

/* A funnel plot of twelve teams (tests/data/funnel-teams.csv): JSON out, the pooled
 * target, and the refusals. */
static void test_funnel(void) {
    const char *units[] = {"North", "South", "East", "West", "Central", "Harbour", "Hill", "Riverside", "Market", "Park", "Station", "Valley"};
    const double failure[] = {41, 35, 88, 19, 60, 12, 30, 73, 25, 9, 51, 22};
    const double cases[] = {310, 295, 402, 188, 520, 64, 250, 380, 230, 120, 305, 150};
    char *json = NULL;
    MeasuresStatus s = measures_funnel_json(units, failure, cases, NULL, 12, "{\"dispersion\": \"none\", \"direction\": \"lower_is_better\"}", &json);
    CHECK(s == MEASURES_STATUS_OK && json, "funnel: %s", measures_last_error_message());
    if (json) {
        CHECK(strstr(json, "\"target\":0.1446795270690728") != NULL, "pooled target 465/3214");
        CHECK(strstr(json, "East (worse)") != NULL, "summary names East as worse");
        measures_string_free(json);
    }
    double more[12];
    memcpy(more, failure, sizeof more);
    more[3] = 200; /* West: 200 of 188 */
    expect(measures_funnel_json(units, more, cases, NULL, 12, NULL, &json), MEASURES_STATUS_INVALID_INPUT, "index 3", "numerator above denominator");
    CHECK(json == NULL, "no JSON on failure");
    expect(measures_funnel_json(units, failure, cases, NULL, 12, "{\"levels\": [2]}", &json), MEASURES_STATUS_INVALID_INPUT, "levels", "bad level");
    /* FunnelPlotR's CQC method: proportions on the arcsine scale. */
    s = measures_funnel_json(units, failure, cases, NULL, 12, "{\"method\": \"cqc\"}", &json);
    CHECK(s == MEASURES_STATUS_OK && json && strstr(json, "\"method\":\"cqc\"") != NULL, "cqc method: %s", measures_last_error_message());
    measures_string_free(json);
    json = NULL;
    expect(measures_funnel_json(units, failure, cases, NULL, 12, "{\"method\": \"shmi\"}", &json), MEASURES_STATUS_INVALID_INPUT, "SHMI method is for ratios", "shmi on proportions");
    expect(measures_funnel_json(units, failure, cases, NULL, 12, NULL, NULL), MEASURES_STATUS_NULL_POINTER, "out", "NULL out");
}

/* A pilot against the rest: team A's times fall by 3 from month 12, team B's do
 * not; the verdict says the pilot changed, the difference in differences is -3. */
static void test_compare(void) {
    const char *units[48], *dates[48];
    double days[48];
    static char text[24][16];
    const double wiggle[4] = {0.2, -0.3, 0.1, 0.0};
    for (int m = 0; m < 24; m++) {
        snprintf(text[m], sizeof text[m], "%04d-%02d-01", 2023 + m / 12, m % 12 + 1);
        for (int t = 0; t < 2; t++) {
            units[2 * m + t] = t == 0 ? "A" : "B";
            dates[2 * m + t] = text[m];
            days[2 * m + t] = (t == 0 && m >= 12 ? 7.0 : 10.0) + wiggle[m % 4];
        }
    }
    char *json = NULL;
    MeasuresStatus s = measures_compare_json(units, dates, days, NULL, NULL, 48,
        "{\"pilot\": [\"A\"], \"change\": \"2024-01-01\", \"direction\": \"lower_is_better\"}", &json);
    CHECK(s == MEASURES_STATUS_OK && json, "compare: %s", measures_last_error_message());
    if (json) {
        CHECK(strstr(json, "\"verdict\":\"pilot_changed\"") != NULL, "pilot changed");
        CHECK(strstr(json, "\"estimate\":-3") != NULL || strstr(json, "\"estimate\":-2.99999") != NULL, "difference in differences -3");
        measures_string_free(json);
        json = NULL;
    }
    expect(measures_compare_json(units, dates, days, NULL, NULL, 48, "{\"pilot\": [\"Z\"], \"change\": \"2024-01-01\"}", &json),
           MEASURES_STATUS_INVALID_INPUT, "Z not among the units", "unknown pilot");
    CHECK(json == NULL, "no JSON on failure");
    dates[5] = "not a date";
    expect(measures_compare_json(units, dates, days, NULL, NULL, 48, "{\"pilot\": [\"A\"], \"change\": \"2024-01-01\"}", &json),
           MEASURES_STATUS_INVALID_INPUT, "dates", "bad date");
    expect(measures_compare_json(units, NULL, days, NULL, NULL, 48, NULL, &json), MEASURES_STATUS_NULL_POINTER, "dates", "NULL dates");
}

int main(void) {
    CHECK(measures_abi_version() == MEASURES_ABI_MAJOR * 10000 + MEASURES_ABI_MINOR, "abi version");
    test_xmr_known_answer();
    test_options_reach_the_chart();
    test_run_chart();
    test_error_paths();
    test_p_chart();
    test_capability();
    test_demand();
    test_new_error_paths();
    test_chart_family();
    test_one_way_in();
    test_signal_spans();
    test_funnel();
    test_compare();
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
