// measures for .NET: SPC charts (every kind the C ABI has), special-cause signals,
// Making Data Count's icons, capability and the demand report, over the C ABI
// (include/measures.h). Charts are IDisposable and hold a SafeHandle, so each is
// freed exactly once; every failed call throws MeasuresException with the status
// and the library's own message. Strings cross as UTF-8 both ways.
//
//     using (var chart = Chart.Create(Kind.Xmr, values, labels: dates,
//                                     options: new ChartOptions { Direction = Direction.Lower, Target = 12 }))
//     {
//         double[] upper = chart.Upper;
//         string icon = chart.Variation;      // "common_cause", "special_cause_improving_low", ...
//     }
using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Measures
{
    /// <summary>The status of a call (MeasuresStatus).</summary>
    public enum Status : int
    {
        /// <summary>Success.</summary>
        Ok = 0,
        /// <summary>A required pointer was NULL.</summary>
        NullPointer = 1,
        /// <summary>A length or index is out of range.</summary>
        InvalidLength = 2,
        /// <summary>A value is infinite (NaN is a missing value, kept as a gap).</summary>
        NonFinite = 3,
        /// <summary>The series, or a phase of it, has too few points.</summary>
        TooFewPoints = 4,
        /// <summary>An option or input cannot be used (see the message).</summary>
        InvalidInput = 5,
        /// <summary>A bug in the library (a caught panic); please report the message.</summary>
        InternalError = 99,
    }

    /// <summary>The kind of chart (MeasuresKind), named as the JSON's chart_type.</summary>
    public enum Kind : uint
    {
        /// <summary>XmR chart (individuals; the moving-range chart is the companion).</summary>
        Xmr = 0,
        /// <summary>Run chart: median, Anhøj rules, no limits.</summary>
        Run = 1,
        /// <summary>X-bar chart with its R chart (observations cut by sizes).</summary>
        XbarR = 2,
        /// <summary>X-bar chart with its S chart (observations cut by sizes).</summary>
        XbarS = 3,
        /// <summary>p chart: proportion with the attribute (denominators needed).</summary>
        P = 4,
        /// <summary>np chart: number with the attribute (denominators needed).</summary>
        Np = 5,
        /// <summary>c chart: counts.</summary>
        C = 6,
        /// <summary>u chart: events per unit (denominators needed).</summary>
        U = 7,
        /// <summary>Laney p′ chart.</summary>
        PPrime = 8,
        /// <summary>Laney u′ chart.</summary>
        UPrime = 9,
        /// <summary>t chart: times between rare events.</summary>
        T = 10,
        /// <summary>g chart: opportunities or days between rare events.</summary>
        G = 11,
        /// <summary>Tabular CUSUM (the lower sum is the companion).</summary>
        Cusum = 12,
        /// <summary>EWMA chart.</summary>
        Ewma = 13,
        /// <summary>XmR chart on the Yeo–Johnson scale, drawn on the measure's own.</summary>
        TransformedXmr = 14,
    }

    /// <summary>Improvement direction.</summary>
    public enum Direction : uint
    {
        /// <summary>No direction.</summary>
        Neither = 0,
        /// <summary>Higher is better.</summary>
        Higher = 1,
        /// <summary>Lower is better.</summary>
        Lower = 2,
    }

    /// <summary>Special-cause rule set.</summary>
    public enum RuleSet : uint
    {
        /// <summary>The chart's default: NHS for control charts, Anhøj for run charts.</summary>
        Default = 0,
        /// <summary>NHS Making Data Count.</summary>
        Nhs = 1,
        /// <summary>Western Electric.</summary>
        WesternElectric = 2,
        /// <summary>Nelson.</summary>
        Nelson = 3,
        /// <summary>Anhøj's runs rules.</summary>
        Anhoej = 4,
        /// <summary>Only points outside the limits.</summary>
        Limits = 5,
        /// <summary>No rules.</summary>
        None = 6,
    }

    /// <summary>A per-point column of a chart.</summary>
    public enum Column : uint
    {
        /// <summary>Plotted values.</summary>
        Values = 0,
        /// <summary>Centre line.</summary>
        Centre = 1,
        /// <summary>Upper limit (NaN where the chart has none).</summary>
        Upper = 2,
        /// <summary>Lower limit (NaN where the chart has none).</summary>
        Lower = 3,
        /// <summary>One sigma (NaN where the chart has none).</summary>
        Sigma = 4,
    }

    /// <summary>How an X-bar/S chart forms s̄.</summary>
    public enum Estimator : uint
    {
        /// <summary>The mean of the sᵢ with equal sizes, pooled otherwise.</summary>
        Auto = 0,
        /// <summary>The mean of the sᵢ.</summary>
        MeanStdDev = 1,
        /// <summary>Pooled √(Σ(nᵢ−1)sᵢ²/Σ(nᵢ−1)).</summary>
        PooledStdDev = 2,
    }

    /// <summary>Where a g chart's centre line lies.</summary>
    public enum GCentre : uint
    {
        /// <summary>The median of the points (qicharts2).</summary>
        Median = 0,
        /// <summary>The geometric median, 0.693 × the mean (Provost and Murray).</summary>
        Geometric = 1,
    }

    /// <summary>A call the library refused: the status and the library's message,
    /// which names the problem and where it is (the index, the option).</summary>
    public class MeasuresException : Exception
    {
        /// <summary>The library's status code.</summary>
        public Status Status { get; }
        /// <summary>An exception with the library's status and message.</summary>
        public MeasuresException(Status status, string message) : base(message) { Status = status; }
    }

    /// <summary>A chart handle, released with measures_chart_free when disposed or collected.</summary>
    public sealed class ChartHandle : SafeHandle
    {
        /// <summary>An empty handle, filled by the library.</summary>
        public ChartHandle() : base(IntPtr.Zero, true) { }
        /// <summary>Whether the handle holds no chart.</summary>
        public override bool IsInvalid => handle == IntPtr.Zero;
        /// <summary>Free the chart.</summary>
        protected override bool ReleaseHandle() { Native.measures_chart_free(handle); return true; }
    }

    /// <summary>Options every chart takes (MeasuresOptions); the XmR fields apply to the
    /// XmR, t and transformed XmR charts.</summary>
    public sealed class ChartOptions
    {
        /// <summary>Improvement direction (for the icons).</summary>
        public Direction Direction { get; set; } = Direction.Neither;
        /// <summary>Target for the assurance icon; null for none.</summary>
        public double? Target { get; set; }
        /// <summary>Special-cause rules.</summary>
        public RuleSet Rules { get; set; } = RuleSet.Default;
        /// <summary>Shift length; 0 for the rule set's default.</summary>
        public int Shift { get; set; }
        /// <summary>Trend length; 0 for the rule set's default.</summary>
        public int Trend { get; set; }
        /// <summary>Zero-based points where new phases start.</summary>
        public int[] PhaseStarts { get; set; }
        /// <summary>Zero-based points left out of the limits (still plotted and tested).</summary>
        public int[] Exclude { get; set; }
        /// <summary>Each phase's limits from its first N points; 0 for all.</summary>
        public int BaselinePoints { get; set; }
        /// <summary>XmR: median centre line.</summary>
        public bool MedianCentre { get; set; }
        /// <summary>XmR: limits from the median moving range.</summary>
        public bool MedianMovingRange { get; set; }
        /// <summary>XmR: 3/1.128 instead of Making Data Count's 2.66.</summary>
        public bool TextbookConstant { get; set; }
        /// <summary>XmR: leave out moving ranges above 3.267 × their mean (NHSRplotthedots).</summary>
        public bool ScreenMovingRanges { get; set; } = true;

        internal NativeOptions ToNative(Pins pins)
        {
            if (Shift < 0 || Trend < 0 || BaselinePoints < 0)
                throw new ArgumentOutOfRangeException("shift, trend and baseline points are counts (0 or more)");
            var o = Native.measures_options_default();
            o.Direction = (uint)Direction;
            o.Target = Target ?? double.NaN;
            o.Rules = (uint)Rules;
            o.Shift = (UIntPtr)(uint)Shift;
            o.Trend = (UIntPtr)(uint)Trend;
            o.PhaseStarts = pins.Sizes(PhaseStarts);
            o.PhaseStartsLen = (UIntPtr)(uint)(PhaseStarts?.Length ?? 0);
            o.Exclude = pins.Sizes(Exclude);
            o.ExcludeLen = (UIntPtr)(uint)(Exclude?.Length ?? 0);
            o.BaselinePoints = (UIntPtr)(uint)BaselinePoints;
            o.MedianCentre = (byte)(MedianCentre ? 1 : 0);
            o.MedianMovingRange = (byte)(MedianMovingRange ? 1 : 0);
            o.TextbookConstant = (byte)(TextbookConstant ? 1 : 0);
            o.ScreenMovingRanges = (byte)(ScreenMovingRanges ? 1 : 0);
            return o;
        }
    }

    /// <summary>Each kind's own settings (MeasuresSettings); a kind reads only its own.
    /// Null numbers mean the library's default or "estimate it".</summary>
    public sealed class ChartSettings
    {
        /// <summary>X-bar/S: how s̄ is formed.</summary>
        public Estimator Estimator { get; set; } = Estimator.Auto;
        /// <summary>Laney p′ and u′: screen the z-scores' moving ranges first.</summary>
        public bool ScreenZ { get; set; }
        /// <summary>g chart: the centre line.</summary>
        public GCentre GCentre { get; set; } = GCentre.Median;
        /// <summary>CUSUM and EWMA: the target mean (null: estimated per phase).</summary>
        public double? Target { get; set; }
        /// <summary>CUSUM and EWMA: sigma of one observation (null: estimated).</summary>
        public double? Sigma { get; set; }
        /// <summary>CUSUM: reference value k in sigma (null: 0.5).</summary>
        public double? K { get; set; }
        /// <summary>CUSUM: decision interval h in sigma (null: 5).</summary>
        public double? H { get; set; }
        /// <summary>CUSUM: head start in sigma (null: 0).</summary>
        public double? HeadStart { get; set; }
        /// <summary>EWMA: weight of the newest point (null: 0.2).</summary>
        public double? Lambda { get; set; }
        /// <summary>EWMA: width of the limits in standard errors (null: 3).</summary>
        public double? L { get; set; }
        /// <summary>Transformed XmR: the Yeo–Johnson λ (null: fitted).</summary>
        public double? YeoJohnsonLambda { get; set; }

        internal NativeSettings ToNative()
        {
            var s = Native.measures_settings_default();
            s.Estimator = (uint)Estimator;
            s.ScreenZ = (byte)(ScreenZ ? 1 : 0);
            s.GCentre = (uint)GCentre;
            s.Target = Target ?? s.Target;
            s.Sigma = Sigma ?? s.Sigma;
            s.K = K ?? s.K;
            s.H = H ?? s.H;
            s.HeadStart = HeadStart ?? s.HeadStart;
            s.Lambda = Lambda ?? s.Lambda;
            s.L = L ?? s.L;
            s.YeoJohnsonLambda = YeoJohnsonLambda ?? s.YeoJohnsonLambda;
            return s;
        }
    }

    /// <summary>A special-cause signal: the span of points a rule found.</summary>
    public sealed class Signal
    {
        /// <summary>The rule ("outside_limits", "shift", "trend", "two_of_three", ...).</summary>
        public string Rule { get; internal set; }
        /// <summary>1 above the centre or rising, -1 below or falling, 0 for rules without a side.</summary>
        public int Side { get; internal set; }
        /// <summary>Zero-based phase.</summary>
        public int Phase { get; internal set; }
        /// <summary>First point of the span (zero-based).</summary>
        public int First { get; internal set; }
        /// <summary>Last point of the span (inclusive).</summary>
        public int Last { get; internal set; }
    }

    /// <summary>What a chart's phase predictably delivers.</summary>
    public sealed class CapabilityStatement
    {
        /// <summary>True when the phase can be relied on (the verdict).</summary>
        public bool Predictable { get; internal set; }
        /// <summary>Zero-based phase described.</summary>
        public int Phase { get; internal set; }
        /// <summary>First point of the phase.</summary>
        public int First { get; internal set; }
        /// <summary>Last point of the phase.</summary>
        public int Last { get; internal set; }
        /// <summary>The centre line: on average.</summary>
        public double Average { get; internal set; }
        /// <summary>Lower process limit, raised to the floor.</summary>
        public double Lower { get; internal set; }
        /// <summary>Upper process limit.</summary>
        public double Upper { get; internal set; }
        /// <summary>Lower limit before the floor.</summary>
        public double LowerLimit { get; internal set; }
        /// <summary>The chart's point-rule signals in the phase.</summary>
        public int SignalCount { get; internal set; }
        /// <summary>The statement in words.</summary>
        public string Text { get; internal set; }
    }

    /// <summary>A chart computed by the library: columns, signals, icons, JSON, SVG.</summary>
    public sealed class Chart : IDisposable
    {
        readonly ChartHandle handle;
        Chart(ChartHandle handle) { this.handle = handle; }

        /// <summary>The library's ABI version, MAJOR * 10000 + MINOR.</summary>
        public static uint AbiVersion => Native.measures_abi_version();

        /// <summary>Make a chart of any kind. <paramref name="values"/>: one per point
        /// (for X-bar charts the observations, cut by <paramref name="sizes"/>); NaN is a
        /// missing value, kept as a gap. <paramref name="denominators"/>: for p, np, u,
        /// p′ and u′ charts (or subgroup sizes behind CUSUM/EWMA means). <paramref name="labels"/>:
        /// one per point (per subgroup for X-bar charts), usually dates; they name the
        /// points in the SVG and the statements.</summary>
        public static Chart Create(Kind kind, double[] values, double[] denominators = null, int[] sizes = null,
                                   string[] labels = null, ChartOptions options = null, ChartSettings settings = null)
        {
            if (values == null) throw new ArgumentNullException(nameof(values));
            if (denominators != null && denominators.Length != values.Length)
                throw new ArgumentException($"denominators: {denominators.Length} given for {values.Length} values");
            using (var pins = new Pins())
            {
                var data = new NativeData
                {
                    Values = pins.Pin(values),
                    Len = (UIntPtr)(uint)values.Length,
                    Denominators = pins.Pin(denominators),
                    Sizes = pins.Sizes(sizes),
                    SizesLen = (UIntPtr)(uint)(sizes?.Length ?? 0),
                    Labels = pins.Texts(labels),
                };
                var o = (options ?? new ChartOptions()).ToNative(pins);
                var s = (settings ?? new ChartSettings()).ToNative();
                Native.Check(Native.measures_chart((uint)kind, ref data, ref o, ref s, out var h));
                return new Chart(h);
            }
        }

        /// <summary>An XmR chart (the moving-range chart is the companion).</summary>
        public static Chart Xmr(double[] values, string[] labels = null, ChartOptions options = null) =>
            Create(Kind.Xmr, values, labels: labels, options: options);

        /// <summary>A run chart (median, Anhøj rules).</summary>
        public static Chart Run(double[] values, string[] labels = null, ChartOptions options = null) =>
            Create(Kind.Run, values, labels: labels, options: options);

        /// <summary>A p chart of numerators over denominators.</summary>
        public static Chart P(double[] numerators, double[] denominators, string[] labels = null, ChartOptions options = null) =>
            Create(Kind.P, numerators, denominators, labels: labels, options: options);

        /// <summary>Number of points.</summary>
        public int Length => (int)Native.measures_chart_len(handle);

        /// <summary>A per-point column (NaN where the chart has no such number).</summary>
        public double[] Column(Column column)
        {
            var buffer = new double[Length];
            Native.Check(Native.measures_chart_copy(handle, (uint)column, buffer, (UIntPtr)(uint)buffer.Length));
            return buffer;
        }

        /// <summary>Plotted values.</summary>
        public double[] Values => Column(Measures.Column.Values);
        /// <summary>Centre line.</summary>
        public double[] Centre => Column(Measures.Column.Centre);
        /// <summary>Upper limit.</summary>
        public double[] Upper => Column(Measures.Column.Upper);
        /// <summary>Lower limit.</summary>
        public double[] Lower => Column(Measures.Column.Lower);
        /// <summary>One sigma.</summary>
        public double[] Sigma => Column(Measures.Column.Sigma);

        /// <summary>Making Data Count's variation icon ("common_cause", "special_cause_improving_high", ...).</summary>
        public string Variation => Utf8.Read(Native.measures_chart_variation(handle));

        /// <summary>The assurance icon ("consistently_pass", "consistently_fail", "hit_and_miss"), or null.</summary>
        public string Assurance
        {
            get
            {
                var a = Utf8.Read(Native.measures_chart_assurance(handle));
                return a == "none" ? null : a;
            }
        }

        /// <summary>The special-cause signals, ordered by first point.</summary>
        public IReadOnlyList<Signal> Signals
        {
            get
            {
                int n = (int)Native.measures_chart_signal_count(handle);
                var list = new List<Signal>(n);
                for (int i = 0; i < n; i++)
                {
                    Native.Check(Native.measures_chart_signal(handle, (UIntPtr)(uint)i, out var s));
                    list.Add(new Signal
                    {
                        Rule = Utf8.Read(s.Rule), Side = s.Side, Phase = (int)s.Phase,
                        First = (int)s.First, Last = (int)s.Last,
                    });
                }
                return list;
            }
        }

        /// <summary>The chart as JSON (the shape of docs/json.md).</summary>
        public string ToJson()
        {
            Native.Check(Native.measures_chart_to_json(handle, out var json));
            return Native.Take(json);
        }

        /// <summary>The chart drawn Making Data Count style, as an SVG document.</summary>
        public string ToSvg(string title = null, double width = 800, double height = 380)
        {
            using (var pins = new Pins())
            {
                Native.Check(Native.measures_chart_to_svg(handle, pins.Text(title), width, height, out var svg));
                return Native.Take(svg);
            }
        }

        /// <summary>The companion chart (moving range, R, S, lower CUSUM), or null.</summary>
        public Chart Companion
        {
            get
            {
                Native.Check(Native.measures_chart_companion(handle, out var h));
                if (h.IsInvalid) { h.Dispose(); return null; }
                return new Chart(h);
            }
        }

        /// <summary>The capability statement of a phase (the latest when <paramref name="phase"/> is
        /// negative): "between L and U; on average A", or not predictable. <paramref name="floor"/>:
        /// the least possible value (0 for times), or null.</summary>
        public CapabilityStatement Statement(string unit = null, double? floor = null, int phase = -1)
        {
            using (var pins = new Pins())
            {
                var which = phase < 0 ? UIntPtr.Subtract(UIntPtr.Zero, 1) : (UIntPtr)(uint)phase;
                Native.Check(Native.measures_capability_statement(handle, which, floor ?? double.NaN, pins.Text(unit), out var s, out var text));
                return new CapabilityStatement
                {
                    Predictable = s.Predictable != 0, Phase = (int)s.Phase, First = (int)s.First, Last = (int)s.Last,
                    Average = s.Average, Lower = s.Lower, Upper = s.Upper, LowerLimit = s.LowerLimit,
                    SignalCount = (int)s.SignalCount, Text = Native.Take(text),
                };
            }
        }

        /// <summary>Free the chart now.</summary>
        public void Dispose() => handle.Dispose();
    }

    /// <summary>Capability indices of individual values.</summary>
    public static class Capability
    {
        /// <summary>Cp, Cpk, Cpm, Pp, Ppk with confidence intervals, and the expected and
        /// observed parts per million outside the limits. Absent limits or target are null.</summary>
        public static CapabilityIndices Indices(double[] values, double? lsl, double? usl, double? target = null, double level = 0.95)
        {
            if (values == null) throw new ArgumentNullException(nameof(values));
            Native.Check(Native.measures_capability(values, (UIntPtr)(uint)values.Length, lsl ?? double.NaN,
                usl ?? double.NaN, target ?? double.NaN, level, out var indices));
            return indices;
        }
    }

    /// <summary>The demand report of a case log.</summary>
    public static class Demand
    {
        /// <summary>The report as JSON (docs/json.md, "Demand report") from columns of
        /// text, one entry per case: a null or "" closed time is an open case; the
        /// optional columns are null when the log has none. <paramref name="optionsJson"/>:
        /// e.g. {"period": "month", "unit": "working_days", "nation": "england-and-wales"}.
        /// <paramref name="units"/>: the team or area of each case, or null; with it the report
        /// compares the units, and a pilot ({"pilot": ["North"], "pilot_change": "2024-07-01"}) with the rest.</summary>
        public static string ReportJson(string[] ids, string[] received, string[] closed, string[] types = null,
                                        string[] classes = null, string[] channels = null, string[] handoffs = null,
                                        string[] linked = null, string optionsJson = null, string[] units = null)
        {
            if (ids == null || received == null || closed == null) throw new ArgumentNullException("ids, received and closed are needed");
            int n = ids.Length;
            var names = new[] { "received", "closed", "types", "classes", "channels", "handoffs", "linked", "units" };
            var columns = new[] { received, closed, types, classes, channels, handoffs, linked, units };
            for (int c = 0; c < columns.Length; c++)
                if (columns[c] != null && columns[c].Length != n)
                    throw new ArgumentException($"{names[c]}: {columns[c].Length} entries for {n} cases");
            using (var pins = new Pins())
            {
                // With units (the team or area of each case) the report compares them, and a
                // pilot named in the options against the rest.
                Native.Check(Native.measures_demand_report_units_json(pins.Texts(ids), pins.Texts(received), pins.Texts(closed),
                    pins.Texts(types), pins.Texts(classes), pins.Texts(channels), pins.Texts(handoffs), pins.Texts(linked),
                    pins.Texts(units), (UIntPtr)(uint)n, pins.Text(optionsJson), out var json));
                return Native.Take(json);
            }
        }
    }

    /// <summary>Funnel plots: units compared against a target with limits for their size.</summary>
    public static class Funnel
    {
        /// <summary>The funnel as JSON (docs/json.md, "Funnel"): <paramref name="units"/> named
        /// (unique), with their numerators and denominators (events and cases, events and
        /// exposure, observed and expected; for means the means and the numbers of values,
        /// with <paramref name="sd"/>). <paramref name="optionsJson"/>: e.g.
        /// {"kind": "rate", "dispersion": "auto", "direction": "lower_is_better"}, or null.</summary>
        public static string Json(string[] units, double[] numerators, double[] denominators, double[] sd = null,
                                  string optionsJson = null)
        {
            if (units == null || numerators == null || denominators == null)
                throw new ArgumentNullException("units, numerators and denominators are needed");
            int n = units.Length;
            if (numerators.Length != n || denominators.Length != n || (sd != null && sd.Length != n))
                throw new ArgumentException($"every column needs {n} entries, one per unit");
            using (var pins = new Pins())
            {
                Native.Check(Native.measures_funnel_json(pins.Texts(units), numerators, denominators, sd,
                    (UIntPtr)(uint)n, pins.Text(optionsJson), out var json));
                return Native.Take(json);
            }
        }
    }

    /// <summary>A pilot against the rest: did the change make a difference?</summary>
    public static class Compare
    {
        /// <summary>The comparison as JSON (docs/json.md, "Comparison"): one row per case or per
        /// unit and period, each with its <paramref name="units"/> entry and its date as text
        /// (2024-07-01 or 01/07/2024), and either <paramref name="values"/> (each group's point is
        /// their mean per period) or <paramref name="numerators"/> with
        /// <paramref name="denominators"/> (summed per group and period). <paramref name="optionsJson"/>
        /// names the pilot and the change: e.g. {"pilot": ["North"], "change": "2024-07-01",
        /// "period": "month", "direction": "lower_is_better"}.</summary>
        public static string Json(string[] units, string[] dates, double[] values, double[] numerators,
                                  double[] denominators, string optionsJson)
        {
            if (units == null || dates == null)
                throw new ArgumentNullException("units and dates are needed");
            int n = units.Length;
            if (dates.Length != n || (values != null && values.Length != n) ||
                (numerators != null && numerators.Length != n) || (denominators != null && denominators.Length != n))
                throw new ArgumentException($"every column needs {n} entries, one per row");
            using (var pins = new Pins())
            {
                Native.Check(Native.measures_compare_json(pins.Texts(units), pins.Texts(dates), values, numerators,
                    denominators, (UIntPtr)(uint)n, pins.Text(optionsJson), out var json));
                return Native.Take(json);
            }
        }
    }
}
