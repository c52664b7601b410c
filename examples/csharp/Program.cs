// The measures library from C# (bindings/csharp): an XmR chart of days to repair
// with dates as labels and a target, its icons, signals and capability statement,
// a p chart, and an error. Exits 1 when a number disagrees with the published one.
using System;
using System.Linq;
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
        Console.WriteLine($"measures ABI {Chart.AbiVersion}");
        // NIST/SEMATECH e-Handbook §6.3.2.2: x̄ = 50.81.
        double[] nist = { 49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1 };
        string[] months = Enumerable.Range(1, nist.Length).Select(m => $"2024-{m:00}-01").ToArray();
        var options = new ChartOptions { Direction = Direction.Lower, Target = 52 };
        using (var chart = Chart.Xmr(nist, months, options))
        {
            Expect(Math.Abs(chart.Centre[0] - 50.81) < 5e-3, $"centre {chart.Centre[0]:F4} (NIST 50.81)");
            Expect(chart.Variation == "common_cause", $"variation {chart.Variation}, assurance {chart.Assurance}");
            Expect(chart.Signals.Count == 0, "no special cause");
            var statement = chart.Statement("mm", floor: 0.0);
            Expect(statement.Predictable, statement.Text);
        }
        using (var p = Chart.P(new double[] { 1, 3, 0 }, new double[] { 4, 4, 2 }))
            Expect(Math.Abs(p.Centre[0] - 0.4) < 1e-15, "p chart centre 0.4");
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
