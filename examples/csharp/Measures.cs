// A small P/Invoke wrapper over the measures C ABI (include/measures.h), for legacy
// C# reporting systems. Structs are blittable (bool fields are bytes), handles are
// wrapped in SafeHandle so the chart is freed exactly once, and every failed call
// throws MeasuresException with the library's own message.
using System;
using System.Runtime.InteropServices;

namespace Measures
{
    public enum Status : int { Ok = 0, NullPointer = 1, InvalidLength = 2, NonFinite = 3, TooFewPoints = 4, InvalidInput = 5, InternalError = 99 }
    public enum Direction : uint { Neither = 0, Higher = 1, Lower = 2 }
    public enum Column : uint { Values = 0, Centre = 1, Upper = 2, Lower = 3, Sigma = 4 }
    public enum AttributeChart : uint { P = 0, Np = 1, C = 2, U = 3, PPrime = 4, UPrime = 5 }

    [StructLayout(LayoutKind.Sequential)]
    public struct Options
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
    public struct Statement
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

    public class MeasuresException : Exception
    {
        public Status Status { get; }
        public MeasuresException(Status status, string message) : base(message) { Status = status; }
    }

    /// <summary>A chart handle, released with measures_chart_free when disposed.</summary>
    public sealed class ChartHandle : SafeHandle
    {
        public ChartHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle() { Native.measures_chart_free(handle); return true; }
    }

    internal static class Native
    {
        const string Lib = "measures"; // libmeasures.so / measures.dll / libmeasures.dylib

        [DllImport(Lib)] internal static extern uint measures_abi_version();
        [DllImport(Lib)] internal static extern Options measures_options_default();
        [DllImport(Lib)] internal static extern Status measures_xmr(double[] values, UIntPtr len, ref Options options, out ChartHandle chart);
        [DllImport(Lib)] internal static extern Status measures_attribute_chart(uint kind, double[] numerators, double[] denominators, UIntPtr len, IntPtr options, out ChartHandle chart);
        [DllImport(Lib)] internal static extern UIntPtr measures_chart_len(ChartHandle chart);
        [DllImport(Lib)] internal static extern Status measures_chart_copy(ChartHandle chart, uint column, [Out] double[] buffer, UIntPtr len);
        [DllImport(Lib)] internal static extern IntPtr measures_chart_variation(ChartHandle chart);
        [DllImport(Lib)] internal static extern IntPtr measures_chart_assurance(ChartHandle chart);
        [DllImport(Lib)] internal static extern Status measures_capability_statement(ChartHandle chart, UIntPtr phase, double floor, string unit, out Statement statement, out IntPtr text);
        [DllImport(Lib)] internal static extern void measures_chart_free(IntPtr chart);
        [DllImport(Lib)] internal static extern void measures_string_free(IntPtr text);
        [DllImport(Lib)] internal static extern IntPtr measures_last_error_message();

        internal static void Check(Status status)
        {
            if (status != Status.Ok)
                throw new MeasuresException(status, Marshal.PtrToStringAnsi(measures_last_error_message()));
        }
    }

    /// <summary>A computed chart: copy its columns out, read its icons.</summary>
    public sealed class Chart : IDisposable
    {
        readonly ChartHandle handle;
        Chart(ChartHandle handle) { this.handle = handle; }

        public static Chart Xmr(double[] values, Direction direction = Direction.Neither, double target = double.NaN)
        {
            var options = Native.measures_options_default();
            options.Direction = (uint)direction;
            options.Target = target;
            Native.Check(Native.measures_xmr(values, (UIntPtr)values.Length, ref options, out var h));
            return new Chart(h);
        }

        public static Chart Attribute(AttributeChart kind, double[] numerators, double[] denominators)
        {
            if (denominators != null && denominators.Length != numerators.Length)
                throw new ArgumentException("numerators and denominators differ in length");
            Native.Check(Native.measures_attribute_chart((uint)kind, numerators, denominators, (UIntPtr)numerators.Length, IntPtr.Zero, out var h));
            return new Chart(h);
        }

        public int Length => (int)Native.measures_chart_len(handle);

        public double[] Column(Column column)
        {
            var buffer = new double[Length];
            Native.Check(Native.measures_chart_copy(handle, (uint)column, buffer, (UIntPtr)buffer.Length));
            return buffer;
        }

        public string Variation => Marshal.PtrToStringAnsi(Native.measures_chart_variation(handle));
        public string Assurance => Marshal.PtrToStringAnsi(Native.measures_chart_assurance(handle));

        /// <summary>The capability statement of the latest phase ("between L and U; on average A").</summary>
        public (Statement numbers, string text) Capability(string unit, double floor = double.NaN)
        {
            Native.Check(Native.measures_capability_statement(handle, UIntPtr.Subtract(UIntPtr.Zero, 1), floor, unit, out var s, out var text));
            try { return (s, Marshal.PtrToStringUTF8(text)); }
            finally { Native.measures_string_free(text); }
        }

        public void Dispose() => handle.Dispose();
    }
}
