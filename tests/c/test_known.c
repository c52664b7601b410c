/*
 * The published known answers of tests/known (one JSON file each) through the C ABI's one
 * constructor, measures_chart: the data and expected numbers come from the same
 * files as the Rust and Python tests (tests/known/to_c.py writes them as known.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "measures.h"
#include "known.h"

static int passed = 0, failed = 0;

static double at(MeasuresChart *chart, uint32_t column, size_t point) {
    size_t n = measures_chart_len(chart);
    double *buffer = malloc(n * sizeof *buffer);
    double value = NAN;
    if (buffer && measures_chart_copy(chart, column, buffer, n) == MEASURES_STATUS_OK && point < n) {
        value = buffer[point];
    }
    free(buffer);
    return value;
}

int main(void) {
    for (size_t c = 0; c < KNOWN_CASES_LEN; c++) {
        const KnownCase *k = &KNOWN_CASES[c];
        MeasuresOptions options = measures_options_default();
        MeasuresSettings settings = measures_settings_default();
        k->configure(&options, &settings);
        MeasuresChart *chart = NULL;
        MeasuresStatus status = measures_chart(k->kind, &k->data, &options, &settings, &chart);
        if (status != MEASURES_STATUS_OK) {
            printf("FAIL %s: status %d: %s\n", k->name, status, measures_last_error_message());
            failed++;
            continue;
        }
        MeasuresChart *companion = NULL;
        measures_chart_companion(chart, &companion);
        for (size_t i = 0; i < k->checks_len; i++) {
            const KnownCheck *check = &k->checks[i];
            MeasuresChart *on = check->companion ? companion : chart;
            double got = on ? at(on, check->column, check->point) : NAN;
            if (fabs(got - check->expected) <= check->tolerance) {
                passed++;
            } else {
                printf("FAIL %s: column %u at point %zu is %.10g, published %.10g (±%g)\n", k->name,
                       check->column, check->point, got, check->expected, check->tolerance);
                failed++;
            }
        }
        measures_chart_free(companion);
        measures_chart_free(chart);
    }
    if (KNOWN_CASES_LEN < 20) {
        printf("FAIL only %zu known cases\n", (size_t)KNOWN_CASES_LEN);
        failed++;
    }
    printf("known answers: %d checks passed, %d failed, %zu cases\n", passed, failed, (size_t)KNOWN_CASES_LEN);
    return failed == 0 ? 0 : 1;
}
