// The C ABI of measures (include/measures.h) as P/Invoke declarations: structs laid
// out as the header lays them out (blittable: booleans are bytes, sizes are
// UIntPtr), strings crossing as UTF-8. Internal: the public API is in Measures.cs.
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Measures
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeOptions
    {
        public uint Direction;
        public double Target;
        public uint Rules;
        public UIntPtr Shift;
        public UIntPtr Trend;
        public IntPtr PhaseStarts;
        public UIntPtr PhaseStartsLen;
        public IntPtr Exclude;
        public UIntPtr ExcludeLen;
        public UIntPtr BaselinePoints;
        public byte MedianCentre;
        public byte MedianMovingRange;
        public byte TextbookConstant;
        public byte ScreenMovingRanges;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeSettings
    {
        public uint Estimator;
        public byte ScreenZ;
        public uint GCentre;
        public double Target;
        public double Sigma;
        public double K;
        public double H;
        public double HeadStart;
        public double Lambda;
        public double L;
        public double YeoJohnsonLambda;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeData
    {
        public IntPtr Values;
        public UIntPtr Len;
        public IntPtr Denominators;
        public IntPtr Sizes;
        public UIntPtr SizesLen;
        public IntPtr Labels;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeStatement
    {
        public byte Predictable;
        public UIntPtr Phase;
        public UIntPtr First;
        public UIntPtr Last;
        public double Average;
        public double Lower;
        public double Upper;
        public double LowerLimit;
        public UIntPtr SignalCount;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct NativeSignal
    {
        public IntPtr Rule;
        public int Side;
        public UIntPtr Phase;
        public UIntPtr First;
        public UIntPtr Last;
    }

    /// <summary>A capability index with its confidence interval (all NaN when it does not apply).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Index
    {
        /// <summary>Point estimate.</summary>
        public double Value;
        /// <summary>Lower confidence limit.</summary>
        public double Lower;
        /// <summary>Upper confidence limit.</summary>
        public double Upper;
    }

    /// <summary>Capability indices of individual values against specification limits.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CapabilityIndices
    {
        /// <summary>Number of values.</summary>
        public UIntPtr N;
        /// <summary>Mean.</summary>
        public double Mean;
        /// <summary>Within sigma (mean moving range / 1.128).</summary>
        public double SigmaWithin;
        /// <summary>Overall sample standard deviation.</summary>
        public double SigmaOverall;
        /// <summary>(USL − LSL)/6σ within.</summary>
        public Index Cp;
        /// <summary>(μ − LSL)/3σ within.</summary>
        public Index Cpl;
        /// <summary>(USL − μ)/3σ within.</summary>
        public Index Cpu;
        /// <summary>min(Cpl, Cpu).</summary>
        public Index Cpk;
        /// <summary>Taguchi's index against the target.</summary>
        public Index Cpm;
        /// <summary>(USL − LSL)/6σ overall.</summary>
        public Index Pp;
        /// <summary>min(Ppl, Ppu).</summary>
        public Index Ppk;
        /// <summary>Expected parts per million outside the limits, within sigma.</summary>
        public double ExpectedPpmWithin;
        /// <summary>Expected parts per million outside the limits, overall sigma.</summary>
        public double ExpectedPpmOverall;
        /// <summary>Observed parts per million outside the limits.</summary>
        public double ObservedPpm;
    }

    internal static class Native
    {
        // libmeasures.so on Linux, measures.dll on Windows, libmeasures.dylib on macOS.
        const string Lib = "measures";

        [DllImport(Lib)] internal static extern uint measures_abi_version();
        [DllImport(Lib)] internal static extern NativeOptions measures_options_default();
        [DllImport(Lib)] internal static extern NativeSettings measures_settings_default();
        [DllImport(Lib)] internal static extern Status measures_chart(uint kind, ref NativeData data, ref NativeOptions options, ref NativeSettings settings, out ChartHandle chart);
        [DllImport(Lib)] internal static extern UIntPtr measures_chart_len(ChartHandle chart);
        [DllImport(Lib)] internal static extern Status measures_chart_copy(ChartHandle chart, uint column, [Out] double[] buffer, UIntPtr len);
        [DllImport(Lib)] internal static extern UIntPtr measures_chart_signal_count(ChartHandle chart);
        [DllImport(Lib)] internal static extern Status measures_chart_signal(ChartHandle chart, UIntPtr index, out NativeSignal signal);
        [DllImport(Lib)] internal static extern IntPtr measures_chart_variation(ChartHandle chart);
        [DllImport(Lib)] internal static extern IntPtr measures_chart_assurance(ChartHandle chart);
        [DllImport(Lib)] internal static extern Status measures_chart_to_json(ChartHandle chart, out IntPtr json);
        [DllImport(Lib)] internal static extern Status measures_chart_to_svg(ChartHandle chart, IntPtr title, double width, double height, out IntPtr svg);
        [DllImport(Lib)] internal static extern Status measures_chart_companion(ChartHandle chart, out ChartHandle companion);
        [DllImport(Lib)] internal static extern Status measures_capability_statement(ChartHandle chart, UIntPtr phase, double floor, IntPtr unit, out NativeStatement statement, out IntPtr text);
        [DllImport(Lib)] internal static extern Status measures_capability(double[] values, UIntPtr len, double lsl, double usl, double target, double level, out CapabilityIndices indices);
        [DllImport(Lib)] internal static extern Status measures_demand_report_json(IntPtr ids, IntPtr received, IntPtr closed, IntPtr types, IntPtr classes, IntPtr channels, IntPtr handoffs, IntPtr linked, UIntPtr len, IntPtr options, out IntPtr json);
        [DllImport(Lib)] internal static extern Status measures_demand_report_units_json(IntPtr ids, IntPtr received, IntPtr closed, IntPtr types, IntPtr classes, IntPtr channels, IntPtr handoffs, IntPtr linked, IntPtr units, UIntPtr len, IntPtr options, out IntPtr json);
        [DllImport(Lib)] internal static extern Status measures_funnel_json(IntPtr units, double[] numerators, double[] denominators, double[] sd, UIntPtr len, IntPtr options, out IntPtr json);
        [DllImport(Lib)] internal static extern Status measures_compare_json(IntPtr units, IntPtr dates, double[] values, double[] numerators, double[] denominators, UIntPtr len, IntPtr options, out IntPtr json);
        [DllImport(Lib)] internal static extern void measures_chart_free(IntPtr chart);
        [DllImport(Lib)] internal static extern void measures_string_free(IntPtr text);
        [DllImport(Lib)] internal static extern IntPtr measures_last_error_message();

        /// <summary>Throw the library's error when a call failed.</summary>
        internal static void Check(Status status)
        {
            if (status != Status.Ok)
                throw new MeasuresException(status, Utf8.Read(measures_last_error_message()) ?? status.ToString());
        }

        /// <summary>A string the library allocated, read and released.</summary>
        internal static string Take(IntPtr text)
        {
            try { return Utf8.Read(text); }
            finally { measures_string_free(text); }
        }
    }

    /// <summary>UTF-8 in and out of unmanaged memory, the same on Mono, .NET
    /// Framework and .NET (no reliance on the platform's ANSI code page).</summary>
    internal static class Utf8
    {
        internal static string Read(IntPtr text)
        {
            if (text == IntPtr.Zero) return null;
            int n = 0;
            while (Marshal.ReadByte(text, n) != 0) n++;
            var bytes = new byte[n];
            Marshal.Copy(text, bytes, 0, n);
            return Encoding.UTF8.GetString(bytes);
        }

        /// <summary>A NUL-terminated UTF-8 copy of `text` (IntPtr.Zero for null); free with Marshal.FreeHGlobal.</summary>
        internal static IntPtr Alloc(string text)
        {
            if (text == null) return IntPtr.Zero;
            var bytes = Encoding.UTF8.GetBytes(text);
            var p = Marshal.AllocHGlobal(bytes.Length + 1);
            Marshal.Copy(bytes, 0, p, bytes.Length);
            Marshal.WriteByte(p, bytes.Length, 0);
            return p;
        }
    }

    /// <summary>Unmanaged memory held for one call: pinned arrays, UTF-8 strings and
    /// arrays of them, all released on Dispose.</summary>
    internal sealed class Pins : IDisposable
    {
        readonly System.Collections.Generic.List<GCHandle> pinned = new System.Collections.Generic.List<GCHandle>();
        readonly System.Collections.Generic.List<IntPtr> allocated = new System.Collections.Generic.List<IntPtr>();

        internal IntPtr Pin(Array array)
        {
            if (array == null) return IntPtr.Zero;
            var h = GCHandle.Alloc(array, GCHandleType.Pinned);
            pinned.Add(h);
            return h.AddrOfPinnedObject();
        }

        internal IntPtr Text(string text)
        {
            var p = Utf8.Alloc(text);
            if (p != IntPtr.Zero) allocated.Add(p);
            return p;
        }

        /// <summary>An array of NUL-terminated UTF-8 strings (a null entry stays NULL).</summary>
        internal IntPtr Texts(string[] texts)
        {
            if (texts == null) return IntPtr.Zero;
            var array = Marshal.AllocHGlobal(IntPtr.Size * Math.Max(1, texts.Length));
            allocated.Add(array);
            for (int i = 0; i < texts.Length; i++)
                Marshal.WriteIntPtr(array, i * IntPtr.Size, Text(texts[i]));
            return array;
        }

        internal IntPtr Sizes(int[] items)
        {
            if (items == null || items.Length == 0) return IntPtr.Zero;
            var sizes = new UIntPtr[items.Length];
            for (int i = 0; i < items.Length; i++)
            {
                if (items[i] < 0) throw new ArgumentOutOfRangeException(nameof(items), $"item {i} is negative");
                sizes[i] = (UIntPtr)(uint)items[i];
            }
            return Pin(sizes);
        }

        public void Dispose()
        {
            foreach (var h in pinned) h.Free();
            foreach (var p in allocated) Marshal.FreeHGlobal(p);
            pinned.Clear();
            allocated.Clear();
        }
    }
}
