// The measures library from C#: an XmR chart of the NIST/SEMATECH e-Handbook's
// example (§6.3.2.2), its capability statement, a p chart, and an error. Exits 1
// when a number disagrees with the published one.
using System;
using Measures;

static class Program
{
    static int failures = 0;

    static void Expect(bool ok, string what)
    {
        Console.WriteLine((ok ? "ok   " : "FAIL ") + what);
        if (!ok) failures++;
    }

    static int Main()
    {
        Console.WriteLine($"measures ABI {Native.measures_abi_version()}");
        double[] nist = { 49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1 };
        using (var chart = Chart.Xmr(nist))
        {
            var centre = chart.Column(Column.Centre);
            var upper = chart.Column(Column.Upper);
            Expect(Math.Abs(centre[0] - 50.81) < 5e-3, $"centre {centre[0]:F4} (NIST 50.81)");
            Expect(chart.Variation == "common_cause", $"variation {chart.Variation}");
            var (s, text) = chart.Capability("mm", 0.0);
            Expect(s.Predictable == 1 && s.Upper == upper[9], $"statement: {text}");
        }
        using (var p = Chart.Attribute(AttributeChart.P, new double[] { 1, 3, 0 }, new double[] { 4, 4, 2 }))
        {
            Expect(Math.Abs(p.Column(Column.Centre)[0] - 0.4) < 1e-15, "p chart centre 0.4");
        }
        // NaN is a missing value, kept as a gap; infinity is refused.
        using (var gappy = Chart.Xmr(new[] { 1.0, 2.0, double.NaN, 3.0, 2.5 }))
        {
            var values = gappy.Column(Column.Values);
            Expect(values.Length == 5 && double.IsNaN(values[2]), "NaN kept as a gap");
        }
        try
        {
            Chart.Xmr(new[] { 1.0, double.PositiveInfinity, 2.0 });
            Expect(false, "infinity refused");
        }
        catch (MeasuresException e)
        {
            Expect(e.Status == Status.NonFinite && e.Message.Contains("index 1"), $"infinity refused: {e.Message}");
        }
        return failures == 0 ? 0 : 1;
    }
}
