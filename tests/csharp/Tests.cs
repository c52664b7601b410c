// Tests of the C# library (bindings/csharp) under Mono: every published known answer
// of tests/known through Chart.Create (generated as Known.cs by
// tests/known/to_csharp.py, the same data and numbers as the Rust, Python and C
// tests), then signals, labels in UTF-8, statements, capability, the demand report,
// the companion, and errors mapped to MeasuresException. Exits 1 on any failure.
using System;
using System.IO;
using System.Linq;
using Measures;

static class Tests
{
    static int passed, failed;

    static void Expect(bool ok, string what)
    {
        if (ok) { passed++; return; }
        failed++;
        Console.WriteLine("FAIL " + what);
    }

    static void Throws(Status status, string words, Action call, string what)
    {
        try { call(); Expect(false, what + ": no exception"); }
        catch (MeasuresException e) { Expect(e.Status == status && e.Message.Contains(words), $"{what}: {e.Status} {e.Message}"); }
    }

    static void KnownAnswers()
    {
        foreach (var k in Known.Cases)
        {
            Chart chart;
            try { chart = Chart.Create(k.Kind, k.Values, k.Denominators, k.Sizes, null, k.Options, k.Settings); }
            catch (MeasuresException e) { Expect(false, $"{k.Name}: {e.Message}"); continue; }
            using (chart)
            using (var companion = chart.Companion)
            {
                foreach (var c in k.Checks)
                {
                    var on = c.Companion ? companion : chart;
                    double got = on == null ? double.NaN : on.Column(c.Column)[c.Point];
                    Expect(Math.Abs(got - c.Expected) <= c.Tolerance,
                           $"{k.Name}: {c.Column} at {c.Point} is {got:R}, published {c.Expected:R} (±{c.Tolerance})");
                }
            }
        }
        Expect(Known.Cases.Length >= 20, $"only {Known.Cases.Length} known cases");
    }

    static void SignalsLabelsAndStatements()
    {
        // Two level shifts and one point far out (as tests/c/test_ffi.c).
        double[] y = { 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 7, 7, 7, 7, 7, 7, 7, 7, 20 };
        string[] labels = Enumerable.Range(0, y.Length).Select(i => $"semaine {i + 1} – Ærø").ToArray();
        using (var chart = Chart.Xmr(y, labels, new ChartOptions { Direction = Direction.Lower, Target = 6 }))
        {
            var signals = chart.Signals;
            Expect(signals.Count == 9, $"signal count {signals.Count}");
            Expect(signals[1].Rule == "shift" && signals[1].Side == -1 && signals[1].First == 0 && signals[1].Last == 11, "shift below");
            Expect(signals.Last().Rule == "outside_limits" && signals.Last().First == 20, "outside above");
            Expect(chart.Variation == "special_cause_concerning_high", $"variation {chart.Variation}");
            Expect(chart.Assurance == "hit_and_miss", $"assurance {chart.Assurance}");
            var svg = chart.ToSvg("Délai – jours");
            Expect(svg.Contains("semaine 21 – Ærø") && svg.Contains("Délai – jours"), "UTF-8 labels and title in the SVG");
            Expect(chart.ToJson().Contains("\"label\":\"semaine 1 – Ærø\""), "UTF-8 labels in the JSON");
            using (var mr = chart.Companion)
                Expect(mr != null && double.IsNaN(mr.Values[0]) && mr.Values[1] == 1.0, "moving-range companion");
        }
        // NIST/SEMATECH e-Handbook §6.3.2.2: UCL 55.8041 with the textbook constant.
        double[] nist = { 49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1 };
        using (var chart = Chart.Xmr(nist, null, new ChartOptions { TextbookConstant = true, ScreenMovingRanges = false }))
        {
            Expect(Math.Abs(chart.Upper[9] - 55.8041) < 5e-5, $"NIST UCL {chart.Upper[9]}");
            var s = chart.Statement("mm", 0.0);
            Expect(s.Predictable && s.Upper == chart.Upper[9] && s.Text.Contains("mm"), $"statement: {s.Text}");
        }
        using (var run = Chart.Run(new double[] { 3, 4, 3, 5, 4, 6, 5, 4, 6, 5 }))
            Expect(double.IsNaN(run.Upper[0]) && run.Companion == null, "run chart: no limits, no companion");
        using (var xbar = Chart.Create(Kind.XbarS, new double[] { 74.03, 74.00, 74.02, 73.99, 74.01, 74.00 }, sizes: new[] { 3, 3 },
                                       labels: new[] { "lot 1", "lot 2" }, settings: new ChartSettings { Estimator = Estimator.PooledStdDev }))
            Expect(xbar.Length == 2 && xbar.Companion != null, "X-bar/S with its S chart");
        using (var ewma = Chart.Create(Kind.Ewma, new double[] { 10, 11, 9, 10, 12, 11, 10, 9 }, settings: new ChartSettings { Lambda = 0.3, Target = 10 }))
            Expect(Math.Abs(ewma.Centre[0] - 10) < 1e-12, "EWMA about its given target");
    }

    static void CapabilityAndDemand()
    {
        double[] days = { 10, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12, 10 };
        var c = Capability.Indices(days, null, 20.0);
        double mean = days.Average(), mr = 0;
        for (int i = 1; i < days.Length; i++) mr += Math.Abs(days[i] - days[i - 1]);
        mr /= days.Length - 1;
        Expect(Math.Abs(c.Cpu.Value - (20.0 - mean) / (3.0 * mr / 1.128)) < 1e-12, $"Cpu {c.Cpu.Value}");
        Expect(c.Cpk.Value == c.Cpu.Value && double.IsNaN(c.Cp.Value), "one-sided: Cpk = Cpu, no Cp");
        Throws(Status.InvalidInput, "reversed", () => Capability.Indices(days, 30.0, 20.0), "reversed limits");

        var rows = File.ReadAllLines(Path.Combine(Root(), "tests", "data", "cases-small.csv")).Skip(1)
            .Select(l => l.Split(',')).ToArray();
        Func<int, string[]> Col = k => rows.Select(r => r[k]).ToArray();
        var json = Demand.ReportJson(Col(0), Col(1), Col(2), Col(3), Col(4), Col(5), Col(6), Col(7),
                                     "{\"period\": \"week\", \"unit\": \"working_days\", \"nation\": \"england-and-wales\"}");
        Expect(json.Contains("\"cases\":11") && json.Contains("\"failure\":4"), "demand report of cases-small.csv");
        var areas = rows.Select((r, i) => new[] { "North", "South", "East" }[i % 3]).ToArray();
        var withUnits = Demand.ReportJson(Col(0), Col(1), Col(2), Col(3), Col(4), units: areas);
        Expect(withUnits.Contains("\"units\":{\"units\":[\"East\",\"North\",\"South\"]"), "units compared");
        var teams = new[] { "North", "South", "East", "West", "Central", "Harbour", "Hill", "Riverside", "Market", "Park", "Station", "Valley" };
        var failure = new double[] { 41, 35, 88, 19, 60, 12, 30, 73, 25, 9, 51, 22 };
        var cases = new double[] { 310, 295, 402, 188, 520, 64, 250, 380, 230, 120, 305, 150 };
        var funnel = Funnel.Json(teams, failure, cases, null, "{\"dispersion\": \"none\", \"direction\": \"lower_is_better\"}");
        Expect(funnel.Contains("\"target\":0.1446795270690728") && funnel.Contains("East (worse)"), "funnel of twelve teams");
        Throws(Status.InvalidInput, "levels", () => Funnel.Json(teams, failure, cases, null, "{\"levels\": [2]}"), "bad funnel level");
        var groups = new string[48]; var months = new string[48]; var times = new double[48];
        for (int m = 0; m < 24; m++)
            for (int t = 0; t < 2; t++)
            {
                groups[2 * m + t] = t == 0 ? "A" : "B";
                months[2 * m + t] = $"{2023 + m / 12:D4}-{m % 12 + 1:D2}-01";
                times[2 * m + t] = (t == 0 && m >= 12 ? 7.0 : 10.0) + new[] { 0.2, -0.3, 0.1, 0.0 }[m % 4];
            }
        var comparison = Compare.Json(groups, months, times, null, null, "{\"pilot\": [\"A\"], \"change\": \"2024-01-01\"}");
        Expect(comparison.Contains("\"verdict\":\"pilot_changed\""), "pilot against the rest");
        Throws(Status.InvalidInput, "not among the units", () => Compare.Json(groups, months, times, null, null, "{\"pilot\": [\"Z\"], \"change\": \"2024-01-01\"}"), "unknown pilot");
        Throws(Status.InvalidInput, "before", () => Demand.ReportJson(new[] { "1" }, new[] { "2024-02-05" }, new[] { "2024-02-01" }),
               "closed before received");
    }

    static void Errors()
    {
        Throws(Status.NonFinite, "index 1", () => Chart.Xmr(new[] { 1.0, double.PositiveInfinity, 2.0 }), "infinity refused");
        Throws(Status.TooFewPoints, "", () => Chart.Xmr(new[] { 1.0 }), "one point");
        Throws(Status.InvalidInput, "", () => Chart.Create(Kind.P, new[] { 5.0, 1.0 }, new[] { 4.0, 2.0 }), "numerator above denominator");
        Throws(Status.InvalidInput, "", () => Chart.Xmr(new[] { 1.0, 2.0, 3.0 }, new[] { "a", "a", "b" }), "duplicate labels");
        using (var gappy = Chart.Xmr(new[] { 1.0, 2.0, double.NaN, 3.0, 2.5 }))
            Expect(gappy.Length == 5 && double.IsNaN(gappy.Values[2]), "NaN kept as a gap");
        var chart = Chart.Xmr(new[] { 1.0, 2.0, 3.0 });
        chart.Dispose();
        chart.Dispose(); // twice is harmless
        Expect(true, "double dispose");
    }

    static string Root()
    {
        var dir = AppDomain.CurrentDomain.BaseDirectory;
        while (dir != null && !File.Exists(Path.Combine(dir, "Cargo.toml"))) dir = Path.GetDirectoryName(dir);
        return dir ?? ".";
    }

    static int Main()
    {
        Expect(Chart.AbiVersion / 10000 == 0, $"ABI major {Chart.AbiVersion / 10000}");
        KnownAnswers();
        SignalsLabelsAndStatements();
        CapabilityAndDemand();
        Errors();
        Console.WriteLine($"C# library: {passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
